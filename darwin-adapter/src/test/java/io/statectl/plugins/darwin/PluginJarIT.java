package io.statectl.plugins.darwin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The packaged plugin jar as PF4J will load it: extension index and manifest present, dd-plist
 * relocated inside, and none of the classes the application provides (PF4J would silently drop
 * the extension if API classes came from the plugin's own class loader).
 */
class PluginJarIT {
  static List<String> names(JarFile jar) {
    return Collections.list(jar.entries()).stream().map(ZipEntry::getName).toList();
  }

  static JarFile jar() throws IOException {
    String path = System.getProperty("statectl.plugin.jar");
    assertTrue(path != null && Files.isRegularFile(Path.of(path)), "no plugin jar at " + path);
    return new JarFile(path);
  }

  @Test
  void hasTheExtensionIndexAndManifest() throws IOException {
    try (JarFile jar = jar()) {
      ZipEntry idx = jar.getEntry("META-INF/extensions.idx");
      assertTrue(idx != null, "META-INF/extensions.idx missing");
      String text = new String(jar.getInputStream(idx).readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(text.lines().anyMatch("io.statectl.plugins.darwin.DarwinModule"::equals), text);
      var main = jar.getManifest().getMainAttributes();
      assertEquals("darwin-adapter", main.getValue("Plugin-Id"));
      assertEquals(">=0.1.2", main.getValue("Plugin-Requires"));
      assertEquals("darwin", main.getValue("Plugin-Namespace"));
    }
  }

  @Test
  void bundlesDdPlistRelocated_andNoProvidedClasses() throws IOException {
    try (JarFile jar = jar()) {
      List<String> names = names(jar);
      assertTrue(names.contains("io/statectl/plugins/darwin/shaded/ddplist/NSDictionary.class"), "dd-plist not relocated");
      assertFalse(names.stream().anyMatch(n -> n.startsWith("com/dd/")), "dd-plist left at its own package");
      assertFalse(names.stream().anyMatch(n -> n.startsWith("io/statectl/api/")), "plugin-api classes bundled");
      assertFalse(names.stream().anyMatch(n -> n.startsWith("org/pf4j/")), "pf4j classes bundled");
      assertTrue(names.contains("io/statectl/plugins/darwin/DarwinModule.class"));
    }
  }
}
