package io.statectl.plugins.services;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statectl.api.module.StatectlModule;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** PF4J traps (STACK-NOTES): the extension index must list every module, and no API class may be bundled. */
class PluginPackagingTest {
  private static final List<Class<? extends StatectlModule>> MODULES = List.of(ServicesModule.class, SystemdModule.class,
      EtcModule.class);

  @Test
  void extensionIndex_listsEveryModule() throws Exception {
    // read from the main classes, not the class path: test compilation writes an empty index of its own
    Path index = mainClasses().resolve("META-INF/extensions.idx");
    assertTrue(Files.exists(index), index + " is missing: PF4J's annotation processor did not run");
    Set<String> listed = new HashSet<>(Files.readAllLines(index, StandardCharsets.UTF_8));
    for (Class<?> m : MODULES) {
      assertTrue(listed.contains(m.getName()), m.getName() + " not in " + listed);
    }
  }

  private static Path mainClasses() throws Exception {
    return Path.of(ServicesModule.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  @Test
  void namespaces_areDistinct_andInsideThePluginNamespace() throws Exception {
    Set<String> seen = new HashSet<>();
    for (Class<? extends StatectlModule> m : MODULES) {
      String ns = m.getDeclaredConstructor().newInstance().namespace();
      assertTrue(seen.add(ns), ns);
      assertTrue(List.of("services", "systemd", "environment").contains(ns), ns);
    }
  }

  @Test
  void pluginClasses_holdNoApiClasses() throws Exception {
    Path classes = mainClasses();
    try (var files = Files.walk(classes)) {
      assertFalse(files.anyMatch(p -> classes.relativize(p).toString().startsWith("io/statectl/api")));
    }
  }
}
