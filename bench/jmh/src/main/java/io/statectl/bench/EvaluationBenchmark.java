package io.statectl.bench;

import io.statectl.api.Platform;
import io.statectl.kernel.eval.Evaluation;
import io.statectl.kernel.eval.Evaluator;
import io.statectl.kernel.eval.LoadedModule;
import io.statectl.kernel.eval.ModuleRegistry;
import io.statectl.plugins.dotfiles.FilesModule;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Evaluation of a generated configuration of 500 modules × 20 options (issue 3's target: < 200 ms). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EvaluationBenchmark {
  @Param({"500"})
  int modules;

  @Param({"20"})
  int options;

  GeneratedConfiguration repository;
  Evaluator evaluator;

  @Setup
  public void setUp() {
    repository = new GeneratedConfiguration(modules, options);
    ModuleRegistry registry = () -> List.of(new LoadedModule(new FilesModule(), "dotfiles", "bench"));
    evaluator = new Evaluator(registry);
    Evaluation e = evaluator.evaluate(repository, "bench", Optional.of(Platform.X86_64_LINUX));
    if (!(e instanceof Evaluation.Success s) || s.entries().size() != modules * options) {
      throw new IllegalStateException("the generated configuration does not evaluate cleanly: " + e);
    }
  }

  @Benchmark
  public Evaluation evaluate() {
    return evaluator.evaluate(repository, "bench", Optional.of(Platform.X86_64_LINUX));
  }
}
