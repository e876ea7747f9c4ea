package io.statectl.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** DESIGN.md's dependency table, executable: who may depend on whom. */
class ModuleBoundariesTest {
  static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.statectl");
  }

  @Test
  void pluginApi_dependsOnNothingOfOurs() {
    noClasses().that().resideInAPackage("io.statectl.api..")
        .should().dependOnClassesThat().resideInAnyPackage("io.statectl.events..", "io.statectl.kernel..",
            "io.statectl.projections..", "io.statectl.plugins..", "io.statectl.shell..")
        .check(classes);
  }

  @Test
  void theRulesSeeEveryBuiltInPlugin() {
    for (String module : java.util.List.of("io.statectl.plugins.dotfiles.FilesModule",
        "io.statectl.plugins.services.ServicesModule", "io.statectl.plugins.services.SystemdModule",
        "io.statectl.plugins.services.EtcModule",
        "io.statectl.plugins.home.HomeModule", "io.statectl.plugins.darwin.DarwinModule")) {
      org.junit.jupiter.api.Assertions.assertTrue(classes.contain(module), module + " is imported");
    }
  }

  @Test
  void plugins_seeOnlyThePluginApi() {
    noClasses().that().resideInAPackage("io.statectl.plugins..")
        .should().dependOnClassesThat().resideInAnyPackage("io.statectl.events..", "io.statectl.kernel..",
            "io.statectl.projections..", "io.statectl.shell..")
        .check(classes);
  }

  @Test
  void client_dependsOnNothingOfOurs_andOnlyTheShellUsesIt() {
    noClasses().that().resideInAPackage("io.statectl.client..")
        .should().dependOnClassesThat().resideInAnyPackage("io.statectl.api..", "io.statectl.events..",
            "io.statectl.kernel..", "io.statectl.projections..", "io.statectl.plugins..", "io.statectl.shell..")
        .check(classes);
    noClasses().that().resideOutsideOfPackages("io.statectl.client..", "io.statectl.shell..")
        .should().dependOnClassesThat().resideInAPackage("io.statectl.client..")
        .check(classes);
  }

  @Test
  void events_dependOnlyOnPluginApi() {
    noClasses().that().resideInAPackage("io.statectl.events..")
        .should().dependOnClassesThat().resideInAnyPackage("io.statectl.kernel..", "io.statectl.projections..",
            "io.statectl.plugins..", "io.statectl.shell..")
        .check(classes);
  }

  @Test
  void kernel_namesNoConcretePlugin_andNoReadModelOrShell() {
    noClasses().that().resideInAPackage("io.statectl.kernel..")
        .should().dependOnClassesThat().resideInAnyPackage("io.statectl.plugins..", "io.statectl.projections..",
            "io.statectl.shell..")
        .check(classes);
  }

  @Test
  void projections_dependOnlyOnEventsAndPluginApi() {
    noClasses().that().resideInAPackage("io.statectl.projections..")
        .should().dependOnClassesThat().resideInAnyPackage("io.statectl.kernel..", "io.statectl.plugins..",
            "io.statectl.shell..")
        .check(classes);
  }

  @Test
  void shell_loadsPluginsThroughPf4jOnly() {
    noClasses().that().resideInAPackage("io.statectl.shell..")
        .should().dependOnClassesThat().resideInAPackage("io.statectl.plugins..")
        .check(classes);
  }

  @Test
  void internalPackages_stayInsideTheirModule() {
    noClasses().that().resideOutsideOfPackage("io.statectl.kernel..")
        .should().dependOnClassesThat().resideInAPackage("io.statectl.kernel..internal..")
        .check(classes);
  }
}
