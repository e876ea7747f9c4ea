package io.statectl.architecture;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Proves that each rule of {@link ModuleBoundariesTest} bites: a fixture class compiled with the
 * tests (packages {@code …archfixture}) breaks it on purpose, and checking the rule against that
 * class must fail, naming it. A rule that passes here could not fail anywhere.
 */
class ModuleBoundaryViolationsTest {
  private static final Map<ArchRule, Class<?>> VIOLATIONS = Map.of(
      ModuleBoundariesTest.PLUGIN_API_DEPENDS_ON_NOTHING_OF_OURS, io.statectl.api.archfixture.ApiReachingIntoKernel.class,
      ModuleBoundariesTest.PLUGINS_SEE_ONLY_THE_PLUGIN_API, io.statectl.plugins.archfixture.PluginReachingIntoKernel.class,
      ModuleBoundariesTest.CLIENT_SEES_ONLY_THE_JDK, io.statectl.client.archfixture.ClientUsingPluginApi.class,
      ModuleBoundariesTest.ONLY_THE_SHELL_USES_THE_CLIENT, io.statectl.kernel.archfixture.KernelNamingAPlugin.class,
      ModuleBoundariesTest.EVENTS_DEPEND_ONLY_ON_PLUGIN_API, io.statectl.events.archfixture.EventsReachingIntoKernel.class,
      ModuleBoundariesTest.KERNEL_NAMES_NO_PLUGIN_READ_MODEL_OR_SHELL, io.statectl.kernel.archfixture.KernelNamingAPlugin.class,
      ModuleBoundariesTest.PROJECTIONS_DEPEND_ONLY_ON_EVENTS_AND_PLUGIN_API,
      io.statectl.projections.archfixture.ProjectionReachingIntoKernel.class,
      ModuleBoundariesTest.SHELL_LOADS_PLUGINS_THROUGH_PF4J_ONLY, io.statectl.shell.archfixture.ShellNamingAPlugin.class,
      ModuleBoundariesTest.CLI_STAYS_THIN, io.statectl.shell.cli.archfixture.CommandOpeningTheStore.class);

  @Test
  void everyRule_hasAViolationFixture() {
    assertTrue(VIOLATIONS.keySet().containsAll(ModuleBoundariesTest.ALL), "each rule in ALL has a fixture here");
  }

  @Test
  void everyRule_failsOnItsViolationFixture() {
    VIOLATIONS.forEach((rule, fixture) -> {
      JavaClasses only = new ClassFileImporter().importClasses(fixture);
      AssertionError e = assertThrows(AssertionError.class, () -> rule.check(only),
          () -> rule.getDescription() + " did not fail on " + fixture.getName());
      assertTrue(e.getMessage().contains(fixture.getName()), e.getMessage());
    });
  }
}
