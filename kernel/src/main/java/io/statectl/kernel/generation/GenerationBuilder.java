package io.statectl.kernel.generation;

import io.statectl.api.activation.ActivationEntry;
import io.statectl.api.activation.FileContent;
import io.statectl.api.activation.FileMode;
import io.statectl.api.activation.HomeFile;
import io.statectl.kernel.config.RepositoryFileSnapshot;
import io.statectl.kernel.eval.Evaluation;
import io.statectl.kernel.store.Store;
import io.statectl.kernel.store.StorePath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Realises an evaluation into the store: the configuration snapshot (exactly the files evaluation
 * read) and the generation tree ({@code home-files/…} plus {@code activation.json}). Both are
 * content-addressed, so an unchanged configuration yields the same paths and nothing new.
 */
public final class GenerationBuilder {
  private final Store store;

  public GenerationBuilder(Store store) {
    this.store = store;
  }

  /** Stores the files evaluation read, under their repository paths. */
  public StorePath snapshot(Evaluation.Success evaluation) {
    return store.addDirectory("config-" + evaluation.host(), dir -> {
      for (Map.Entry<String, RepositoryFileSnapshot> f : evaluation.files().entrySet()) {
        write(dir.resolve(f.getKey()), f.getValue().bytes(), f.getValue().executable());
      }
    });
  }

  /** The manifest a generation of this evaluation has; pure, so plans can be made before building. */
  public static ActivationManifest manifest(String profile, Evaluation.Success evaluation) {
    List<ManifestEntry> entries = new ArrayList<>();
    for (ActivationEntry e : evaluation.entries()) {
      HomeFile f = (HomeFile) e; // the only entry kind so far; a new kind fails here loudly
      entries.add(new ManifestEntry(ManifestEntry.HOME_FILE, f.target(),
          ActivationManifest.HOME_FILES + "/" + f.target(),
          f.mode() == FileMode.EXECUTABLE ? "executable" : "regular"));
    }
    return new ActivationManifest(ActivationManifest.CURRENT_VERSION, profile, evaluation.host(), entries);
  }

  /** Builds the generation tree and its manifest. */
  public BuiltGeneration build(String profile, Evaluation.Success evaluation) {
    ActivationManifest manifest = manifest(profile, evaluation);
    StorePath path = store.addDirectory("statectl-" + profile + "-" + evaluation.host(), dir -> {
      for (ActivationEntry e : evaluation.entries()) {
        HomeFile f = (HomeFile) e;
        write(dir.resolve(ActivationManifest.HOME_FILES).resolve(f.target()), content(f.content(), evaluation),
            f.mode() == FileMode.EXECUTABLE);
      }
      Files.write(dir.resolve(ActivationManifest.FILE_NAME), manifest.toJson());
    });
    return new BuiltGeneration(path, manifest);
  }

  private static byte[] content(FileContent content, Evaluation.Success evaluation) {
    if (content instanceof FileContent.Text t) {
      return t.text().getBytes(StandardCharsets.UTF_8);
    }
    String path = ((FileContent.RepositoryFile) content).repositoryPath();
    RepositoryFileSnapshot s = evaluation.files().get(path);
    if (s == null) {
      throw new IllegalStateException("evaluation did not read " + path + " but a module referenced it");
    }
    return s.bytes();
  }

  private static void write(Path file, byte[] bytes, boolean executable) throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(file, bytes);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
  }

  /** Reads the manifest of a generation already in the store. */
  public ActivationManifest manifestOf(StorePath generation) throws IOException {
    return ActivationManifest.fromJson(Files.readAllBytes(store.toFile(generation).resolve(ActivationManifest.FILE_NAME)));
  }

}
