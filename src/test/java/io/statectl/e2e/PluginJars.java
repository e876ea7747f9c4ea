package io.statectl.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Builds variants of the SDK example's jar for plugin tests: other versions, broken descriptors. */
final class PluginJars {
  static final Path HELLO = Path.of(System.getProperty("statectl.hello.jar",
      "examples/plugin-hello/target/statectl-plugin-hello-1.0.0.jar")).toAbsolutePath();

  private PluginJars() {}

  /** A copy of the hello jar whose manifest has {@code changes} applied (a null value removes it). */
  static Path variant(Path dir, String name, Map<String, String> changes, boolean keepClasses) throws IOException {
    Path out = dir.resolve(name);
    try (JarFile in = new JarFile(HELLO.toFile())) {
      Manifest m = new Manifest(in.getManifest());
      Attributes a = m.getMainAttributes();
      changes.forEach((k, v) -> {
        if (v == null) {
          a.remove(new Attributes.Name(k));
        } else {
          a.put(new Attributes.Name(k), v);
        }
      });
      try (OutputStream os = Files.newOutputStream(out); JarOutputStream jar = new JarOutputStream(os, m)) {
        Enumeration<JarEntry> entries = in.entries();
        while (entries.hasMoreElements()) {
          JarEntry e = entries.nextElement();
          if (e.getName().equals("META-INF/MANIFEST.MF") || (!keepClasses && e.getName().endsWith(".class"))) {
            continue;
          }
          jar.putNextEntry(new JarEntry(e.getName()));
          try (InputStream is = in.getInputStream(e)) {
            is.transferTo(jar);
          }
          jar.closeEntry();
        }
      }
    }
    return out;
  }
}
