package io.statectl.kernel.plugins;

import io.statectl.api.Sha256;
import io.statectl.api.PluginApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipException;
import org.pf4j.DefaultVersionManager;

/**
 * A plugin jar on disk, inspected without loading any of its classes: its SHA-256 and its
 * descriptor, checked against the running plugin-api version.
 */
public record PluginArchive(Path file, String sha256, PluginDescriptorInfo descriptor) {

  public static PluginArchive inspect(Path file) {
    String source = file.toString();
    if (!Files.isRegularFile(file)) {
      throw new PluginRejectedException(PluginRejectedException.Reason.UNREADABLE, source,
          "no plugin file at " + file, "check the path");
    }
    String sha = sha256(file);
    Manifest manifest;
    try (JarFile jar = new JarFile(file.toFile())) {
      manifest = jar.getManifest();
    } catch (ZipException e) {
      throw new PluginRejectedException(PluginRejectedException.Reason.NOT_A_JAR, source,
          file + " is not a valid jar (zip): " + e.getMessage(), "download it again; a plugin is a .jar file");
    } catch (IOException e) {
      throw new PluginRejectedException(PluginRejectedException.Reason.UNREADABLE, source,
          "cannot read " + file + ": " + e.getMessage(), "check the file's permissions");
    }
    Attributes a = manifest == null ? new Attributes() : manifest.getMainAttributes();
    String id = a.getValue("Plugin-Id");
    String version = a.getValue("Plugin-Version");
    if (id == null || id.isBlank() || version == null || version.isBlank()) {
      throw new PluginRejectedException(PluginRejectedException.Reason.NO_DESCRIPTOR, source,
          file + " has no plugin descriptor (Plugin-Id and Plugin-Version in META-INF/MANIFEST.MF)",
          "build the plugin as docs/writing-plugins.md shows; a plain library jar is not a plugin");
    }
    String requires = a.getValue("Plugin-Requires") == null ? "*" : a.getValue("Plugin-Requires");
    String namespace = a.getValue("Plugin-Namespace") == null ? id : a.getValue("Plugin-Namespace");
    PluginDescriptorInfo d = new PluginDescriptorInfo(id, version, requires,
        a.getValue("Plugin-Description") == null ? "" : a.getValue("Plugin-Description"), namespace);
    if (!"*".equals(requires) && !new DefaultVersionManager().checkVersionConstraint(PluginApi.VERSION, requires)) {
      throw new PluginRejectedException(PluginRejectedException.Reason.INCOMPATIBLE_API, source,
          "plugin " + id + "@" + version + " requires plugin-api " + requires + ", but this statectl provides "
              + PluginApi.VERSION, "install a version of the plugin built for plugin-api " + PluginApi.VERSION);
    }
    return new PluginArchive(file, sha, d);
  }

  public static String sha256(Path file) {
    try {
      return Sha256.hexOfFile(file);
    } catch (IOException e) {
      throw new PluginRejectedException(PluginRejectedException.Reason.UNREADABLE, file.toString(),
          "cannot read " + file + ": " + e.getMessage(), "check the file's permissions");
    }
  }
}
