package io.statectl.shell.engine.eval;

import io.statectl.api.Platform;
import io.statectl.kernel.config.DirectoryConfigFileSystem;
import io.statectl.kernel.config.ObservingConfigFileSystem;
import io.statectl.kernel.eval.ConfigInvalidException;
import io.statectl.kernel.eval.Evaluation;
import io.statectl.kernel.eval.EvaluationMemo;
import io.statectl.kernel.eval.Evaluator;
import io.statectl.kernel.eval.ModuleRegistry;
import io.statectl.shell.engine.PhaseTimer;
import io.statectl.shell.engine.UsageException;
import io.statectl.shell.engine.session.WarmCache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Evaluating a configuration directory for a host: the first step of apply, build, eval and check. */
public final class ConfigEvaluation {
  private ConfigEvaluation() {}

  /** The normalised configuration directory; a usage error when there is none. */
  public static Path directory(Path config) {
    Path dir = config.toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      throw new UsageException("configuration directory " + dir + " does not exist",
          "pass --config with your configuration repository (it holds hosts/<name>.toml)");
    }
    return dir;
  }

  /**
   * Evaluates {@code host} of the (checked) directory {@code dir}; changes nothing anywhere. In the
   * resident server a clean evaluation is reused while every file it read is unchanged ({@link
   * EvaluationMemo}).
   */
  public static Evaluation evaluate(ModuleRegistry modules, Path dir, String host, Optional<Platform> platform,
      PhaseTimer timer) {
    return evaluate(modules, dir, host, platform, timer, java.util.Map.of());
  }

  /**
   * As {@link #evaluate(ModuleRegistry, Path, String, Optional, PhaseTimer)}, with the inputs that
   * {@code statectl.lock} pins mounted (fetched into {@code state}'s store first if they are not there).
   */
  public static Evaluation evaluate(ModuleRegistry modules, Path dir, String host, Optional<Platform> platform,
      PhaseTimer timer, io.statectl.kernel.state.StateDirectory state, io.statectl.shell.engine.Output out) {
    return evaluate(modules, dir, host, platform, timer,
        io.statectl.shell.engine.inputs.LockedInputs.mount(state, dir, out, timer));
  }

  private static Evaluation evaluate(ModuleRegistry modules, Path dir, String host, Optional<Platform> platform,
      PhaseTimer timer, java.util.Map<String, Path> inputs) {
    io.statectl.kernel.config.ConfigFileSystem repository = inputs.isEmpty() ? new DirectoryConfigFileSystem(dir)
        : new io.statectl.kernel.config.InputsConfigFileSystem(new DirectoryConfigFileSystem(dir), inputs);
    // A resident server remembers clean evaluations per set of plugins; a CLI process evaluates.
    EvaluationMemo memo = WarmCache.active().map(w -> w.evaluations(modules)).orElse(EvaluationMemo.NONE);
    if (memo != EvaluationMemo.NONE) {
      Optional<Evaluation.Success> known = timer.time("reuse evaluation (compare files)",
          () -> memo.lookup(EvaluationMemo.Key.of(repository, host, platform), repository));
      if (known.isPresent()) {
        return known.get();
      }
    }
    return timer.time("evaluate " + host, () -> new Evaluator(modules).evaluate(repository, host, platform, memo));
  }

  /** The clean evaluation, or every problem as one {@link ConfigInvalidException}. */
  public static Evaluation.Success success(Evaluation e) {
    if (e instanceof Evaluation.Failure f) {
      throw new ConfigInvalidException(f.problems());
    }
    return (Evaluation.Success) e;
  }
}
