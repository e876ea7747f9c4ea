package io.statectl.kernel.generation;

import io.statectl.kernel.config.DirectoryConfigFileSystem;
import io.statectl.kernel.eval.ConfigInvalidException;
import io.statectl.kernel.eval.Evaluation;
import io.statectl.kernel.eval.Evaluator;
import io.statectl.kernel.eval.ModuleRegistry;
import io.statectl.kernel.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Realises a generation again from its recorded derivation: the configuration snapshot it was
 * evaluated from (a store path kept as a GC root forever) and the plugins. Evaluation reads the
 * snapshot directory like any repository; the rebuilt tree must land at the recorded store path,
 * or nothing is used.
 */
public final class GenerationRealiser {
  private final Store store;
  private final ModuleRegistry modules;

  public GenerationRealiser(Store store, ModuleRegistry modules) {
    this.store = store;
    this.modules = modules;
  }

  /**
   * @param snapshot the configuration snapshot's directory in the store
   * @param recorded the generation's recorded store path
   * @param recordedPlugins the plugins its evaluation used, {@code id@version}, for the message
   * @throws RealiseMismatchException when the rebuilt path differs from the recorded one
   */
  public BuiltGeneration realise(String profile, String host, Path snapshot, Path recorded,
      List<String> recordedPlugins) {
    if (!Files.isDirectory(snapshot)) {
      throw new RealiseMismatchException("the configuration snapshot " + snapshot + " of " + recorded
          + " is missing from the store", "it is a GC root and is never collected; restore the state directory"
          + " from a backup", recorded, snapshot);
    }
    Evaluation evaluation = new Evaluator(modules).evaluate(new DirectoryConfigFileSystem(snapshot), host);
    if (evaluation instanceof Evaluation.Failure f) {
      throw new ConfigInvalidException(f.problems());
    }
    Evaluation.Success success = (Evaluation.Success) evaluation;
    BuiltGeneration built = new GenerationBuilder(store).build(profile, success);
    Path rebuilt = store.toFile(built.path());
    if (!rebuilt.equals(recorded)) {
      throw new RealiseMismatchException("rebuilding " + recorded + " from its configuration " + snapshot
          + " gave " + rebuilt + " (plugins then: " + String.join(", ", recordedPlugins) + "; now: "
          + String.join(", ", success.plugins()) + ")",
          "install the plugin versions it was built with, or apply the configuration again as a new generation",
          recorded, rebuilt);
    }
    return built;
  }
}
