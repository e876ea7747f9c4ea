package io.statectl.kernel.generation;

import io.statectl.api.activation.ActivationEntry;
import io.statectl.api.activation.FileContent;
import io.statectl.api.activation.FileMode;
import io.statectl.api.activation.HomeDirectory;
import io.statectl.api.activation.HomeFile;
import io.statectl.api.activation.ManagedSetting;
import io.statectl.api.activation.RootFile;
import io.statectl.api.activation.UserProfile;
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
  /** The system generation's link to its software farm. */
  public static final String SOFTWARE = "sw";

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
    return manifest(profile, evaluation.host(), ProfilePartition.entriesOf(profile, evaluation.entries()));
  }

  private static ActivationManifest manifest(String profile, String host, List<ActivationEntry> ofProfile) {
    return new ActivationManifest(ActivationManifest.CURRENT_VERSION, profile, host,
        ofProfile.stream().map(GenerationBuilder::entry).toList());
  }

  private static ManifestEntry entry(ActivationEntry e) {
    if (e instanceof HomeFile f) {
      return new ManifestEntry(ManifestEntry.HOME_FILE, f.target(), ActivationManifest.HOME_FILES + "/" + f.target(),
          mode(f.mode()));
    } else if (e instanceof UserProfile u) {
      return new ManifestEntry(ManifestEntry.HOME_FILE, u.link(), ActivationManifest.HOME_FILES + "/" + u.link(),
          mode(FileMode.REGULAR));
    } else if (e instanceof RootFile f) {
      return new ManifestEntry(ManifestEntry.ROOT_FILE, f.target(), ActivationManifest.ROOT_FILES + "/" + f.target(),
          mode(f.mode()));
    } else if (e instanceof HomeDirectory d) {
      return new ManifestEntry(ManifestEntry.HOME_DIRECTORY, d.target(), "", d.permissions());
    } else if (e instanceof ManagedSetting s) {
      return new ManifestEntry(ManifestEntry.SETTING, s.id(), "", s.scope().name().toLowerCase(java.util.Locale.ROOT),
          s.family(), s.state(), s.apply(), s.revert());
    }
    throw new IllegalStateException("unhandled activation entry " + e);
  }

  private static String mode(FileMode mode) {
    return mode == FileMode.EXECUTABLE ? "executable" : "regular";
  }

  /** Builds the generation tree and its manifest; a user profile must have none (see the overload). */
  public BuiltGeneration build(String profile, Evaluation.Success evaluation) {
    return build(profile, evaluation, u -> {
      throw new IllegalStateException("the user profile " + u.profileName() + " needs its packages built first");
    });
  }

  /**
   * Builds the generation tree and its manifest.
   *
   * @param userProfiles the store path of a user profile's farm of package links ({@link UserProfileFarm})
   */
  public BuiltGeneration build(String profile, Evaluation.Success evaluation,
      java.util.function.Function<UserProfile, StorePath> userProfiles) {
    return build(profile, evaluation, userProfiles, java.util.Optional.empty());
  }

  /**
   * As above, with the system profile's software: {@code sw} becomes a link to that farm of the
   * {@code system.packages} outputs ({@code sw/bin}, {@code sw/share}, …), reached as
   * {@code /run/current-system/sw}. Not a manifest entry: nothing is linked from it into the root.
   */
  public BuiltGeneration build(String profile, Evaluation.Success evaluation,
      java.util.function.Function<UserProfile, StorePath> userProfiles, java.util.Optional<StorePath> software) {
    List<ActivationEntry> ofProfile = ProfilePartition.entriesOf(profile, evaluation.entries());
    ActivationManifest manifest = manifest(profile, evaluation.host(), ofProfile);
    String name = "statectl-" + profile + "-" + evaluation.host();
    List<TreeFile> files = new ArrayList<>();
    for (ActivationEntry e : ofProfile) {
      // Where each file goes in the tree is the manifest entry's source: one rule for both.
      if (e instanceof HomeFile f) {
        files.add(new TreeFile(entry(e).source(), f.content(), f.mode()));
      } else if (e instanceof RootFile f) {
        files.add(new TreeFile(entry(e).source(), f.content(), f.mode()));
      } else if (e instanceof UserProfile u) {
        String farm = store.toFile(userProfiles.apply(u)).toString();
        files.add(new TreeFile(entry(e).source(), new FileContent.SymbolicLink(farm), FileMode.REGULAR));
      }
    }
    software.ifPresent(sw -> files.add(new TreeFile(SOFTWARE, new FileContent.SymbolicLink(store.toFile(sw).toString()),
        FileMode.REGULAR)));
    if (profile.equals(ProfilePartition.SYSTEM) && ofProfile.stream().anyMatch(RootFile.class::isInstance)) {
      // A generation that places files under the root can be booted: its init activates it (issue 19).
      files.add(new TreeFile(io.statectl.kernel.boot.InitScript.PATH,
          new FileContent.Text(io.statectl.kernel.boot.InitScript.TEXT), FileMode.EXECUTABLE));
    }
    byte[] secrets = profile.equals(ProfilePartition.SYSTEM)
        ? secretFiles(evaluation, files, io.statectl.kernel.secrets.SecretsConfig.of(evaluation.config()),
            io.statectl.kernel.secrets.SecretsManifest.DEFAULT_IDENTITY)
        : ProfilePartition.userProfile(evaluation.entries()).filter(u -> u.profileName().equals(profile)).isPresent()
            ? secretFiles(evaluation, files, io.statectl.kernel.secrets.SecretsConfig.homeOf(evaluation.config()),
                io.statectl.kernel.secrets.SecretsManifest.DEFAULT_HOME_IDENTITY)
            : null;
    TreeDigest key = new TreeDigest(name);
    for (TreeFile f : files) {
      key.file(f.path(), f.bytes(evaluation), f.mode() == FileMode.EXECUTABLE);
    }
    key.file(ActivationManifest.FILE_NAME, manifest.toJson(), false);
    if (secrets != null) {
      key.file(io.statectl.kernel.secrets.SecretsManifest.FILE_NAME, secrets, false);
    }
    StorePath path = memoised(key.done(), () -> store.addDirectory(name, dir -> {
      for (TreeFile f : files) {
        Path at = dir.resolve(f.path());
        if (f.content() instanceof FileContent.SymbolicLink l) {
          Files.createDirectories(at.getParent());
          Files.createSymbolicLink(at, Path.of(l.target()));
        } else {
          write(at, f.bytes(evaluation), f.mode() == FileMode.EXECUTABLE);
        }
      }
      Files.write(dir.resolve(ActivationManifest.FILE_NAME), manifest.toJson());
      if (secrets != null) {
        Files.write(dir.resolve(io.statectl.kernel.secrets.SecretsManifest.FILE_NAME), secrets);
      }
    }));
    return new BuiltGeneration(path, manifest);
  }

  /**
   * Adds the ciphertext of every declared secret to the tree ({@code secrets/<name>.age}) and
   * returns the secrets manifest, or null when there are none (so generations without secrets
   * keep their hash). Only ciphertext: evaluation never read a plaintext.
   */
  private static byte[] secretFiles(Evaluation.Success evaluation, List<TreeFile> files,
      io.statectl.kernel.secrets.SecretsConfig config, String defaultIdentity) {
    if (config.isEmpty()) {
      return null;
    }
    List<io.statectl.kernel.secrets.SecretsManifest.Entry> entries = new ArrayList<>();
    for (io.statectl.kernel.secrets.SecretDeclaration d : config.secrets()) {
      byte[] cipher = content(new FileContent.RepositoryFile(d.file()), evaluation);
      var e = new io.statectl.kernel.secrets.SecretsManifest.Entry(d.name(), d.file(),
          io.statectl.kernel.secrets.SecretsActivation.hashOf(cipher), d.path(), d.owner().orElse(""),
          d.group().orElse(""), d.modeText(), d.recipients());
      files.add(new TreeFile(e.copyInGeneration(), new FileContent.RepositoryFile(d.file()), FileMode.REGULAR));
      entries.add(e);
    }
    return new io.statectl.kernel.secrets.SecretsManifest(1,
        config.identity().orElse(defaultIdentity), entries).toJson();
  }

  /** One file of a generation's tree. */
  private record TreeFile(String path, FileContent content, FileMode mode) {
    byte[] bytes(Evaluation.Success evaluation) {
      if (content instanceof FileContent.SymbolicLink l) {
        return ("symlink:" + l.target()).getBytes(StandardCharsets.UTF_8);
      }
      return GenerationBuilder.content(content, evaluation);
    }
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
      sha = io.statectl.api.Sha256.newDigest();
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
