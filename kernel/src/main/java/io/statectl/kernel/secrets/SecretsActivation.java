package io.statectl.kernel.secrets;

import io.statectl.kernel.ErrorCode;
import io.statectl.kernel.secrets.age.Age;
import io.statectl.kernel.secrets.age.AgeException;
import io.statectl.kernel.secrets.age.AgeKeyException;
import io.statectl.kernel.secrets.age.Identities;
import io.statectl.kernel.secrets.age.Identity;
import io.statectl.kernel.secrets.age.Recipient;
import io.statectl.kernel.secrets.age.Stanza;
import io.statectl.kernel.store.Hash;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Opens secrets with the host's identity and places their plaintext. Every path of the live
 * machine ({@code /run/statectl/secrets/…}, {@code /etc/ssh/…}) is taken under {@link #root},
 * which is {@code /} on a real machine and a temp directory in tests. Plaintext lives only in
 * memory between decrypting and writing, and on disk only at a secret's path.
 */
public final class SecretsActivation {
  /** A secret to open: its name and file (for messages), its ciphertext and declared recipients. */
  public record Candidate(String name, String file, byte[] ciphertext, List<String> recipients) {}

  private final Path root;
  private final String runtimeDir;
  private final java.util.function.Function<String, Path> identityFile;
  /** Whose a secret without a declared owner becomes: the home's user for a home, else unchanged. */
  private final java.util.Optional<Path> ownerOf;

  public SecretsActivation(Path root) {
    this.root = root;
    this.runtimeDir = SecretDeclaration.RUNTIME_DIR;
    this.identityFile = this::underRoot;
    this.ownerOf = java.util.Optional.empty();
  }

  private SecretsActivation(Path root, String runtimeDir, java.util.function.Function<String, Path> identityFile,
      Path ownerOf) {
    this.root = root;
    this.runtimeDir = runtimeDir;
    this.identityFile = identityFile;
    this.ownerOf = java.util.Optional.of(ownerOf);
  }

  /**
   * A home's secrets (the same code, another place): their paths are taken under the user's
   * runtime directory, and the identity is {@code ~/…} of the home or an absolute path as it is.
   */
  public static SecretsActivation forHome(Path userRuntimeDir, Path home) {
    return new SecretsActivation(userRuntimeDir, SecretDeclaration.HOME_RUNTIME_DIR,
        id -> id.startsWith("~/") ? home.resolve(id.substring(2)) : Path.of(id), home);
  }

  /**
   * The user's runtime directory a home's secrets go under: {@code $XDG_RUNTIME_DIR}, else
   * {@code /run/user/<uid>} of the home's owner when it exists (as under sudo or cron); never the
   * home or the store.
   * Empty when neither exists: a home with secrets then cannot be activated (named by the caller).
   */
  public static java.util.Optional<Path> userRuntimeDir(java.util.Map<String, String> env, Path home) {
    String xdg = env.get("XDG_RUNTIME_DIR");
    if (xdg != null && xdg.startsWith("/")) {
      return java.util.Optional.of(Path.of(xdg));
    }
    try {
      // the home's user's, not this process's: under sudo the process is root
      Object uid = Files.getAttribute(Files.isDirectory(home) ? home : Path.of("/proc/self"), "unix:uid");
      Path run = Path.of("/run/user/" + uid);
      return Files.isDirectory(run) && Files.isWritable(run) ? java.util.Optional.of(run) : java.util.Optional.empty();
    } catch (IOException | UnsupportedOperationException e) {
      return java.util.Optional.empty();
    }
  }

  /** A path of the live machine, under the root. */
  public Path underRoot(String absolute) {
    return root.resolve(absolute.substring(1));
  }

  /** Where this activation places secrets: the runtime directory under the root. */
  public Path runtimeDirectory() {
    return underRoot(runtimeDir);
  }

  /**
   * Decrypts every candidate in memory with the identity, discarding the plaintexts; fails with
   * one line per secret that cannot be opened. Changes nothing.
   */
  public void check(List<Candidate> candidates, String identity) {
    decryptAll(candidates, identity).values().forEach(b -> Arrays.fill(b, (byte) 0));
  }

  /**
   * Decrypts every secret of a generation first (nothing is written if one fails), then writes
   * each to a temporary name in its directory with its mode and owner, and renames it into place;
   * removes runtime files no longer declared. Returns the number of secrets placed.
   */
  public int install(Path generation) {
    SecretsManifest manifest = SecretsManifest.of(generation)
        .orElse(new SecretsManifest(1, SecretsManifest.DEFAULT_IDENTITY, List.of()));
    List<Candidate> candidates = new ArrayList<>();
    for (SecretsManifest.Entry e : manifest.secrets()) {
      try {
        candidates.add(new Candidate(e.name(), e.file(),
            Files.readAllBytes(generation.resolve(e.copyInGeneration())), e.recipients()));
      } catch (IOException x) {
        throw new UncheckedIOException("cannot read the ciphertext of secret " + e.name() + " in " + generation, x);
      }
    }
    Map<String, byte[]> plain = manifest.secrets().isEmpty() ? Map.of() : decryptAll(candidates, manifest.identity());
    Path runtime = runtimeDirectory();
    Set<Path> placed = new HashSet<>();
    try {
      if (!manifest.secrets().isEmpty()) {
        Files.createDirectories(runtime);
        Files.setPosixFilePermissions(runtime, PosixFilePermissions.fromString(
            runtimeDir.equals(SecretDeclaration.RUNTIME_DIR) ? "rwxr-x--x" : "rwx------"));
        if (ownerOf.isPresent()) {
          Files.setOwner(runtime, Files.getOwner(ownerOf.get()));
        }
      }
      for (SecretsManifest.Entry e : manifest.secrets()) {
        Path target = underRoot(e.path());
        write(target, plain.get(e.name()), e);
        placed.add(target);
      }
      removeStale(runtime, placed);
    } catch (IOException x) {
      throw new UncheckedIOException("cannot place secrets under " + runtime + ": " + x.getMessage(), x);
    } finally {
      plain.values().forEach(b -> Arrays.fill(b, (byte) 0));
    }
    return placed.size();
  }

  private Map<String, byte[]> decryptAll(List<Candidate> candidates, String identityPath) {
    Path keyFile = identityFile.apply(identityPath);
    List<Identity> identities;
    try {
      identities = Identities.read(keyFile);
    } catch (AgeKeyException e) {
      throw new SecretUnavailableException(List.of("cannot open secrets " + names(candidates) + ": "
          + e.getMessage()), ErrorCode.SECRET_KEY_INVALID);
    }
    Map<String, byte[]> out = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    ErrorCode code = ErrorCode.SECRET_NOT_FOR_HOST;
    for (Candidate c : candidates) {
      try {
        out.put(c.name(), Age.decrypt(c.ciphertext(), identities));
      } catch (AgeException e) {
        if (e.failure() != AgeException.Failure.NO_MATCH) {
          code = ErrorCode.SECRET_DAMAGED;
          problems.add("secret " + c.name() + ": " + e.in(c.file()).getMessage()
              + "; restore it (git checkout " + c.file() + ") or re-create it with statectl secrets edit " + c.name());
        } else {
          problems.add("secret " + c.name() + " (" + c.file() + ") is not encrypted to this host's key "
              + keyFile + " (" + identities.get(0).recipient().encoded() + "): it is encrypted to "
              + stanzas(c) + "; declared recipients: " + c.recipients() + ". Add this host's key to its recipients "
              + "(secrets.recipients.<host>) and run `statectl secrets rekey` where it can be opened");
        }
      }
    }
    if (!problems.isEmpty()) {
      out.values().forEach(b -> Arrays.fill(b, (byte) 0));
      throw new SecretUnavailableException(problems, code);
    }
    return out;
  }

  /** The stanzas of a file, naming the declared ssh recipients whose tag matches. */
  private static String stanzas(Candidate c) {
    List<String> parts = new ArrayList<>();
    for (Stanza s : Age.stanzas(c.ciphertext())) {
      String named = s.type();
      if (s.type().equals("ssh-ed25519") && s.args().size() > 1) {
        named = "ssh-ed25519 key with tag " + s.args().get(1);
        for (String r : c.recipients()) {
          if (r.startsWith("ssh-ed25519") && Recipients.tag(Recipient.parse(r)).equals(s.args().get(1))) {
            named = r;
          }
        }
      } else if (s.type().equals("X25519")) {
        named = "an X25519 key (age1…, anonymous in the file)";
      }
      parts.add(named);
    }
    return parts.size() + " recipient(s) " + parts;
  }

  private static String names(List<Candidate> candidates) {
    return candidates.stream().map(Candidate::name).toList().toString();
  }

  private void write(Path target, byte[] plain, SecretsManifest.Entry e) throws IOException {
    Files.createDirectories(target.getParent());
    Path temp = target.resolveSibling("." + target.getFileName() + ".tmp-" + UUID.randomUUID());
    try {
      // created 0600, so the plaintext is never readable by others, even for a moment
      try (SeekableByteChannel ch = Files.newByteChannel(temp,
          EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
          PosixFilePermissions.asFileAttribute(EnumSet.of(PosixFilePermission.OWNER_READ,
              PosixFilePermission.OWNER_WRITE)))) {
        ByteBuffer b = ByteBuffer.wrap(plain);
        while (b.hasRemaining()) {
          ch.write(b);
        }
      }
      PosixFileAttributeView view = Files.getFileAttributeView(temp, PosixFileAttributeView.class);
      UserPrincipalLookupService users = temp.getFileSystem().getUserPrincipalLookupService();
      if (!e.owner().isEmpty()) {
        view.setOwner(users.lookupPrincipalByName(e.owner()));
      } else if (ownerOf.isPresent()) {
        view.setOwner(Files.getOwner(ownerOf.get()));
      }
      if (!e.group().isEmpty()) {
        GroupPrincipal g = users.lookupPrincipalByGroupName(e.group());
        view.setGroup(g);
      }
      view.setPermissions(permissions(Integer.parseInt(e.mode(), 8)));
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static void removeStale(Path runtime, Set<Path> placed) throws IOException {
    if (!Files.isDirectory(runtime)) {
      return;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(runtime)) {
      for (Path f : files) {
        // dot files are not secrets (a secret's name starts with a letter or digit): markers, temp names
        if (Files.isRegularFile(f) && !placed.contains(f) && !f.getFileName().toString().startsWith(".")) {
          Files.delete(f);
        }
      }
    }
  }

  static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> out = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] order = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
        PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
        PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
        PosixFilePermission.OWNER_READ};
    for (int i = 0; i < order.length; i++) {
      if ((mode & (1 << i)) != 0) {
        out.add(order[i]);
      }
    }
    return out;
  }

  /** The hex SHA-256 of a ciphertext, as generations record it. */
  public static String hashOf(byte[] ciphertext) {
    return Hash.of(ciphertext).toHex();
  }
}
