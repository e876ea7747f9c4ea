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
  private final BuildMemo memo;

  public GenerationBuilder(Store store) {
    this(store, BuildMemo.NONE);
  }

  /** A builder that skips trees whose content {@code memo} has seen become a still-valid path. */
  public GenerationBuilder(Store store, BuildMemo memo) {
    this.store = store;
    this.memo = memo;
  }

  /** Stores the files evaluation read, under their repository paths. */
  public StorePath snapshot(Evaluation.Success evaluation) {
    String name = "config-" + evaluation.host();
    TreeDigest key = new TreeDigest(name);
    for (Map.Entry<String, RepositoryFileSnapshot> f : evaluation.files().entrySet()) {
      key.file(f.getKey(), f.getValue().bytes(), f.getValue().executable());
    }
    return memoised(key.done(), () -> store.addDirectory(name, dir -> {
      for (Map.Entry<String, RepositoryFileSnapshot> f : evaluation.files().entrySet()) {
        write(dir.resolve(f.getKey()), f.getValue().bytes(), f.getValue().executable());
      }
    }));
  }

  private StorePath memoised(String key, java.util.function.Supplier<StorePath> build) {
    java.util.Optional<StorePath> known = memo.lookup(key)
        .filter(p -> store.isValid(p) && Files.isDirectory(store.toFile(p)));
    if (known.isPresent()) {
      return known.get();
    }
    StorePath built = build.get();
    memo.remember(key, built);
    return built;
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
    String name = "statectl-" + profile + "-" + evaluation.host();
    TreeDigest key = new TreeDigest(name);
    for (ActivationEntry e : evaluation.entries()) {
      HomeFile f = (HomeFile) e;
      key.file(ActivationManifest.HOME_FILES + "/" + f.target(), content(f.content(), evaluation),
          f.mode() == FileMode.EXECUTABLE);
    }
    key.file(ActivationManifest.FILE_NAME, manifest.toJson(), false);
    StorePath path = memoised(key.done(), () -> store.addDirectory(name, dir -> {
      for (ActivationEntry e : evaluation.entries()) {
        HomeFile f = (HomeFile) e;
        write(dir.resolve(ActivationManifest.HOME_FILES).resolve(f.target()), content(f.content(), evaluation),
            f.mode() == FileMode.EXECUTABLE);
      }
      Files.write(dir.resolve(ActivationManifest.FILE_NAME), manifest.toJson());
    }));
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

  /** A digest of a tree's name and every file's path, mode and bytes, in the order written: a {@link BuildMemo} key. */
  private static final class TreeDigest {
    private final java.security.MessageDigest sha;

    TreeDigest(String name) {
      try {
        sha = java.security.MessageDigest.getInstance("SHA-256");
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException("the JDK has no SHA-256", e);
      }
      field(name.getBytes(StandardCharsets.UTF_8));
    }

    void file(String path, byte[] bytes, boolean executable) {
      field(path.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) (executable ? 1 : 0));
      field(bytes);
    }

    private void field(byte[] b) {
      sha.update(java.nio.ByteBuffer.allocate(8).putLong(b.length).array());
      sha.update(b);
    }

    String done() {
      return java.util.HexFormat.of().formatHex(sha.digest());
    }
  }

  /** Reads the manifest of a generation already in the store. */
  public ActivationManifest manifestOf(StorePath generation) throws IOException {
    return ActivationManifest.fromJson(Files.readAllBytes(store.toFile(generation).resolve(ActivationManifest.FILE_NAME)));
  }

}
