package io.statectl.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Guards against PF4J's silent failures: a plugin jar without the extension index, or one that
 * bundles API classes, loads "fine" and contributes nothing.
 */
class PluginJarTest {
  static final Path PLUGINS = Path.of(System.getProperty("statectl.app", "shell/target/app")).resolve("plugins");

  static List<Path> jars() throws IOException {
    try (Stream<Path> s = Files.list(PLUGINS)) {
      return s.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
    }
  }

  @Test
  void everyPluginJar_hasDescriptorAndExtensionIndex_andNoApiClasses() throws IOException {
    List<Path> jars = jars();
    assertTrue(jars.size() >= 1, "the assembly ships its built-in plugins: " + PLUGINS);
    for (Path jar : jars) {
      try (JarFile j = new JarFile(jar.toFile())) {
        assertNotNull(j.getManifest().getMainAttributes().getValue("Plugin-Id"), jar + " has a Plugin-Id");
        assertNotNull(j.getManifest().getMainAttributes().getValue("Plugin-Requires"), jar + " declares Plugin-Requires");
        assertNotNull(j.getEntry("META-INF/extensions.idx"), jar + " has PF4J's extension index");
        assertEquals(0, j.stream().filter(e -> e.getName().startsWith("io/statectl/api/")).count(),
            jar + " must not bundle plugin-api classes");
      }
    }
  }
}
