package io.statectl.kernel.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statectl.api.Platform;
import io.statectl.api.module.ConfigProblem;
import io.statectl.api.module.ModuleContext;
import io.statectl.api.module.ModuleContribution;
import io.statectl.api.module.StatectlModule;
import io.statectl.api.option.Defaults;
import io.statectl.api.option.OptionDecl;
import io.statectl.api.option.OptionType;
import io.statectl.kernel.ErrorCode;
import io.statectl.kernel.secrets.age.X25519Identity;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code ${secrets.<name>.path}} and {@code ${home.secrets.<name>.path}}: a module names where a
 * secret will be, never what it holds; a reference to an undeclared secret, to a secret's content
 * or to a home's secret from a machine option is a located STC-E205 problem.
 */
class SecretReferenceResolutionTest {
  static final String KEY = X25519Identity.generate().recipient().encoded();

  /** Stands in for the home plugin: declares home.secrets as it does (an opaque table). */
  static final class HomeStandIn implements StatectlModule {
    @Override
    public String namespace() {
      return "home";
    }

    @Override
    public String description() {
      return "home";
    }

    @Override
    public OptionDecl options() {
      return OptionDecl.of(OptionType.submodule(Map.of(
          "secrets", OptionDecl.of(OptionType.attrsOf(OptionType.anything()), "secrets").withDefault(Defaults.emptyTable()),
          "text", OptionDecl.of(OptionType.string(), "a home file's text"))), "home");
    }

    @Override
    public ModuleContribution contribute(ModuleContext context) {
      return ModuleContribution.empty();
    }
  }

  static final ModuleRegistry MODULES = () -> List.of(new LoadedModule(new DemoModule(), "demo", "1.0"),
      new LoadedModule(new HomeStandIn(), "home", "1.0"));

  private static Evaluation eval(String host) {
    MemoryConfigFileSystem fs = new MemoryConfigFileSystem().with("secrets/db.age", "ciphertext")
        .with("secrets/token.age", "ciphertext").with("hosts/h.toml", """
            [secrets.recipients]
            h = "%s"
            [secrets.db]
            file = "../secrets/db.age"
            [secrets.api]
            file = "../secrets/db.age"
            path = "/run/statectl/secrets/api.env"
            [home.secrets.recipients]
            alice = "%s"
            [home.secrets.token]
            file = "../secrets/token.age"
            """.formatted(KEY, KEY) + host);
    return new Evaluator(MODULES).evaluate(fs, "h", Optional.of(Platform.X86_64_LINUX));
  }

  private static Evaluation.Success ok(String host) {
    Evaluation e = eval(host);
    if (e instanceof Evaluation.Failure f) {
      throw new AssertionError(f.problems().toString());
    }
    return (Evaluation.Success) e;
  }

  private static ConfigProblem onlyProblem(String host) {
    Evaluation.Failure f = assertInstanceOf(Evaluation.Failure.class, eval(host));
    assertEquals(1, f.problems().size(), f.problems().toString());
    assertEquals(ErrorCode.SECRET_REFERENCE_INVALID, new ConfigInvalidException(f.problems()).code());
    return f.problems().get(0);
  }

  @Test
  void aSystemSecretsPath_isItsDefaultOrDeclaredPath() {
    var s = ok("[demo]\nname = \"${secrets.db.path}\"\nemail = \"x@${secrets.api.path}\"\n"
        + "[demo.env]\nMODE = \"${secrets.db.file}\"\n");
    assertEquals("\"/run/statectl/secrets/db\"", EvaluatorTestSupport.value(s, "demo.name"));
    assertEquals("\"x@/run/statectl/secrets/api.env\"", EvaluatorTestSupport.value(s, "demo.email"));
    assertEquals("\"../secrets/db.age\"", EvaluatorTestSupport.value(s, "demo.env.MODE"), "a declared key as written");
  }

  @Test
  void aHomeSecretsPath_isUnderTheUsersRuntimeDirectory() {
    var s = ok("[home]\ntext = \"token: ${home.secrets.token.path}\"\n");
    assertEquals("\"token: $XDG_RUNTIME_DIR/statectl/secrets/token\"", EvaluatorTestSupport.value(s, "home.text"));
  }

  @Test
  void anUndeclaredSecret_isALocatedE205_withTheClosestName() {
    ConfigProblem p = onlyProblem("[demo]\nname = \"${secrets.dbb.path}\"\n");
    assertTrue(p.message().startsWith("[STC-E205] demo.name: ${secrets.dbb.path} refers to secret dbb, but no "
        + "secrets.dbb is declared"), p.message());
    assertEquals("did you mean ${secrets.db.path}?", p.hint());
    assertEquals("hosts/h.toml", p.location().file());
    assertEquals(13, p.location().line());

    ConfigProblem home = onlyProblem("[home]\ntext = \"${home.secrets.nosuch.path}\"\n");
    assertTrue(home.message().contains("no home.secrets.nosuch is declared"), home.message());
    assertEquals("declared home.secrets: token", home.hint());
  }

  @Test
  void aSecretsContent_cannotBeReferred_only_itsPath() {
    for (String ref : List.of("secrets.db", "secrets.db.content", "home.secrets.token.value")) {
      ConfigProblem p = onlyProblem("[demo]\nname = \"${" + ref + "}\"\n");
      assertTrue(p.message().contains("only a secret's path can be referred to, never its content"), p.message());
      assertTrue(p.hint().contains(".path}"), p.hint());
    }
  }

  @Test
  void aHomeSecret_cannotBeReferredFromAMachineOption() {
    ConfigProblem p = onlyProblem("[system]\nhostname = \"${home.secrets.token.path}\"\n");
    assertTrue(p.message().contains("is a home's secret") && p.message().contains("machine option"), p.message());
  }
}
