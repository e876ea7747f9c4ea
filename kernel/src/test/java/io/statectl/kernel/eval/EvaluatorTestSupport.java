package io.statectl.kernel.eval;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.statectl.api.Platform;
import io.statectl.api.config.ConfigValue;
import java.util.List;
import java.util.Optional;

/** Evaluates in-memory repositories with the demo module. */
final class EvaluatorTestSupport {
  static final ModuleRegistry DEMO = () -> List.of(new LoadedModule(new DemoModule(), "demo", "1.0"));

  private EvaluatorTestSupport() {}

  static Evaluation eval(MemoryConfigFileSystem fs, String host, Platform platform) {
    return new Evaluator(DEMO).evaluate(fs, host, Optional.of(platform));
  }

  static Evaluation.Success ok(MemoryConfigFileSystem fs, String host, Platform platform) {
    Evaluation e = eval(fs, host, platform);
    if (e instanceof Evaluation.Failure f) {
      throw new AssertionError("expected success, got:\n" + f.problems());
    }
    return (Evaluation.Success) e;
  }

  static Evaluation.Success ok(MemoryConfigFileSystem fs) {
    return ok(fs, "h", Platform.X86_64_LINUX);
  }

  static Evaluation.Failure fails(MemoryConfigFileSystem fs) {
    return assertInstanceOf(Evaluation.Failure.class, eval(fs, "h", Platform.X86_64_LINUX));
  }

  static String value(Evaluation.Success s, String path) {
    return EvaluatedValues.at(s.config(), OptionPaths.parse(path).orElseThrow())
        .map(EvaluatedValues::render).orElse("<absent>");
  }

  static Optional<ConfigValue> raw(Evaluation.Success s, String path) {
    return EvaluatedValues.at(s.config(), OptionPaths.parse(path).orElseThrow());
  }
}
