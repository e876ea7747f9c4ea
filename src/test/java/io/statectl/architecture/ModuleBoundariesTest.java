package io.statectl.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md's dependency table, executable: who may depend on whom. Each rule is a constant so
 * that {@link ModuleBoundaryViolationsTest} can prove it fails on a deliberate violation.
 */
class ModuleBoundariesTest {
  static final ArchRule PLUGIN_API_DEPENDS_ON_NOTHING_OF_OURS = noClasses().that().resideInAPackage("io.statectl.api..")
      .should().dependOnClassesThat().resideInAnyPackage("io.statectl.events..", "io.statectl.kernel..",
          "io.statectl.projections..", "io.statectl.plugins..", "io.statectl.shell..", "io.statectl.client..");

  static final ArchRule PLUGINS_SEE_ONLY_THE_PLUGIN_API = noClasses().that().resideInAPackage("io.statectl.plugins..")
      .should().dependOnClassesThat().resideInAnyPackage("io.statectl.events..", "io.statectl.kernel..",
          "io.statectl.projections..", "io.statectl.shell..", "io.statectl.client..");

  /** The thin client's class path is one jar: it may use the JDK and itself, nothing else. */
  static final ArchRule CLIENT_SEES_ONLY_THE_JDK = classes().that().resideInAPackage("io.statectl.client..")
      .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax..", "sun.misc..", "io.statectl.client..", "")
      .because("the thin client starts on JDK classes alone");

  static final ArchRule ONLY_THE_SHELL_USES_THE_CLIENT = noClasses()
      .that().resideOutsideOfPackages("io.statectl.client..", "io.statectl.shell..")
      .should().dependOnClassesThat().resideInAPackage("io.statectl.client..");

  static final ArchRule EVENTS_DEPEND_ONLY_ON_PLUGIN_API = noClasses().that().resideInAPackage("io.statectl.events..")
      .should().dependOnClassesThat().resideInAnyPackage("io.statectl.kernel..", "io.statectl.projections..",
          "io.statectl.plugins..", "io.statectl.shell..");

  static final ArchRule KERNEL_NAMES_NO_PLUGIN_READ_MODEL_OR_SHELL = noClasses().that().resideInAPackage("io.statectl.kernel..")
      .should().dependOnClassesThat().resideInAnyPackage("io.statectl.plugins..", "io.statectl.projections..",
          "io.statectl.shell..");

  static final ArchRule PROJECTIONS_DEPEND_ONLY_ON_EVENTS_AND_PLUGIN_API = noClasses()
      .that().resideInAPackage("io.statectl.projections..")
      .should().dependOnClassesThat().resideInAnyPackage("io.statectl.kernel..", "io.statectl.plugins..",
          "io.statectl.shell..");

  static final ArchRule SHELL_LOADS_PLUGINS_THROUGH_PF4J_ONLY = noClasses().that().resideInAPackage("io.statectl.shell..")
      .should().dependOnClassesThat().resideInAPackage("io.statectl.plugins..");

  /** The CLI parses arguments into requests; it never reaches past the engine into the kernel's store or activation. */
  static final ArchRule CLI_STAYS_THIN = noClasses().that().resideInAPackage("io.statectl.shell.cli..")
      .should().dependOnClassesThat().resideInAnyPackage("io.statectl.kernel.store..", "io.statectl.kernel.sandbox..",
          "io.statectl.kernel.realise..", "io.statectl.events.log..", "org.lmdbjava..", "org.axonframework..")
      .because("commands are request values handled by the engine (DESIGN.md, process model)");

  static final List<ArchRule> ALL = List.of(PLUGIN_API_DEPENDS_ON_NOTHING_OF_OURS, PLUGINS_SEE_ONLY_THE_PLUGIN_API,
      CLIENT_SEES_ONLY_THE_JDK, ONLY_THE_SHELL_USES_THE_CLIENT, EVENTS_DEPEND_ONLY_ON_PLUGIN_API,
      KERNEL_NAMES_NO_PLUGIN_READ_MODEL_OR_SHELL, PROJECTIONS_DEPEND_ONLY_ON_EVENTS_AND_PLUGIN_API,
      SHELL_LOADS_PLUGINS_THROUGH_PF4J_ONLY, CLI_STAYS_THIN);

  static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.statectl");
  }

  @Test
  void theRulesSeeEveryModule() {
    for (String c : List.of("io.statectl.plugins.dotfiles.FilesModule", "io.statectl.plugins.home.HomeModule",
        "io.statectl.plugins.services.ServicesModule", "io.statectl.plugins.services.SystemdModule",
        "io.statectl.plugins.services.EtcModule", "io.statectl.plugins.services.UsersModule",
        "io.statectl.plugins.services.BootModule",
        "io.statectl.plugins.darwin.DarwinModule", "io.statectl.client.Client", "io.statectl.shell.engine.Engine",
        "io.statectl.kernel.store.Store", "io.statectl.events.log.EventLog", "io.statectl.api.PluginApi")) {
      Assertions.assertTrue(classes.contain(c), c + " is imported");
    }
  }

  @Test
  void pluginApi_dependsOnNothingOfOurs() {
    PLUGIN_API_DEPENDS_ON_NOTHING_OF_OURS.check(classes);
  }

  @Test
  void plugins_seeOnlyThePluginApi() {
    PLUGINS_SEE_ONLY_THE_PLUGIN_API.check(classes);
  }

  @Test
  void client_seesOnlyTheJdk_andOnlyTheShellUsesIt() {
    CLIENT_SEES_ONLY_THE_JDK.check(classes);
    ONLY_THE_SHELL_USES_THE_CLIENT.check(classes);
  }

  @Test
  void events_dependOnlyOnPluginApi() {
    EVENTS_DEPEND_ONLY_ON_PLUGIN_API.check(classes);
  }

  @Test
  void kernel_namesNoConcretePlugin_andNoReadModelOrShell() {
    KERNEL_NAMES_NO_PLUGIN_READ_MODEL_OR_SHELL.check(classes);
  }

  @Test
  void projections_dependOnlyOnEventsAndPluginApi() {
    PROJECTIONS_DEPEND_ONLY_ON_EVENTS_AND_PLUGIN_API.check(classes);
  }

  @Test
  void shell_loadsPluginsThroughPf4jOnly() {
    SHELL_LOADS_PLUGINS_THROUGH_PF4J_ONLY.check(classes);
  }

  @Test
  void cli_staysThin() {
    CLI_STAYS_THIN.check(classes);
  }
}
