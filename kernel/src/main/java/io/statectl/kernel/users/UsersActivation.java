package io.statectl.kernel.users;

import io.statectl.api.DurableFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Applies a {@link UsersSpec} to the account files under a root: under the same locks as
 * {@code useradd}, computes everything first ({@link AccountsUpdate}, where every refusal is),
 * then replaces each file as shadow-utils does ({@code file+} written and synced, the old one kept
 * as {@code file-}, renamed over), keeping each file's mode and owner. Never calls the host's
 * {@code useradd}, which would edit the host, not the root.
 */
public final class UsersActivation {
  private static final List<String> FILES = List.of("passwd", "group", "shadow", "gshadow");
  private final Path root;
  private final Path stateDirectory;

  public UsersActivation(Path root, Path stateDirectory) {
    this.root = root;
    this.stateDirectory = stateDirectory;
  }

  /** The spec a generation carries, if it declares accounts. */
  public static Optional<UsersSpec> specOf(Path generationRootFiles) {
    Path f = generationRootFiles.resolve(UsersSpec.FILE);
    try {
      return Files.exists(f) ? Optional.of(UsersSpec.parse(Files.readString(f, StandardCharsets.UTF_8)))
          : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + f, e);
    }
  }

  /** Applies the spec; returns one line per account added or removed. */
  public List<String> apply(UsersSpec spec) {
    Path etc = root.resolve("etc");
    // A refusal must leave the root as it was, lock files included: check once before locking,
    // then again under the lock, where the files cannot change between reading and writing.
    compute(spec, etc);
    try (AccountLock lock = AccountLock.acquire(etc, FILES)) {
      AccountsUpdate.Result r = compute(spec, etc);
      replace(etc.resolve("passwd"), r.passwd().render(), "rw-r--r--");
      replace(etc.resolve("group"), r.group().render(), "rw-r--r--");
      replace(etc.resolve("shadow"), r.shadow().render(), "rw-r-----");
      if (r.gshadow().isPresent()) {
        replace(etc.resolve("gshadow"), r.gshadow().get().render(), "rw-r-----");
      }
      r.ids().save(stateDirectory);
      List<String> lines = new ArrayList<>();
      r.added().forEach(a -> lines.add("added " + a));
      r.removed().forEach(a -> lines.add("removed " + a + (a.startsWith("user ") ? " (its home is kept)" : "")));
      for (String name : r.homesToCreate()) {
        String[] p = r.passwd().get(name).orElseThrow();
        if (createHome(p[5], Integer.parseInt(p[2]), Integer.parseInt(p[3]))) {
          lines.add("created home " + p[5] + " of " + name);
        }
      }
      return lines;
    }
  }

  private AccountsUpdate.Result compute(UsersSpec spec, Path etc) {
    AccountTable passwd = AccountTable.parse(read(etc.resolve("passwd")), 7);
    AccountTable group = AccountTable.parse(read(etc.resolve("group")), 4);
    AccountTable shadow = AccountTable.parse(read(etc.resolve("shadow")), 9);
    Optional<AccountTable> gshadow = Files.exists(etc.resolve("gshadow"))
        ? Optional.of(AccountTable.parse(read(etc.resolve("gshadow")), 4)) : Optional.empty();
    return AccountsUpdate.compute(spec, passwd, group, shadow, gshadow, IdMap.load(stateDirectory), this::hash);
  }

  private Optional<String> hash(String file) {
    Path f = root.resolve(file.replaceFirst("^/+", ""));
    try {
      return Files.exists(f) ? Optional.of(Files.readString(f, StandardCharsets.UTF_8).trim()) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the password hash " + f, e);
    }
  }

  private boolean createHome(String home, int uid, int gid) {
    Path dir = root.resolve(home.replaceFirst("^/+", ""));
    if (Files.exists(dir)) {
      return false;
    }
    try {
      Files.createDirectories(dir.getParent());
      Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      if (runningAsRoot()) {
        Files.setAttribute(dir, "unix:uid", uid);
        Files.setAttribute(dir, "unix:gid", gid);
      }
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the home " + dir, e);
    }
  }

  private static String read(Path f) {
    try {
      return Files.exists(f) ? Files.readString(f, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + f, e);
    }
  }

  private static void replace(Path f, String text, String defaultMode) {
    try {
      Set<PosixFilePermission> mode = Files.exists(f) ? Files.getPosixFilePermissions(f)
          : PosixFilePermissions.fromString(defaultMode);
      Path plus = DurableFiles.writeTemp(f, text.getBytes(StandardCharsets.UTF_8));
      Files.setPosixFilePermissions(plus, mode);
      if (Files.exists(f)) {
        if (runningAsRoot()) {
          Files.setAttribute(plus, "unix:uid", Files.getAttribute(f, "unix:uid"));
          Files.setAttribute(plus, "unix:gid", Files.getAttribute(f, "unix:gid"));
        }
        Files.copy(f, f.resolveSibling(f.getFileName() + "-"), StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.COPY_ATTRIBUTES);
      }
      DurableFiles.commit(plus, f);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + f, e);
    }
  }

  private static boolean runningAsRoot() {
    try {
      return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }
}
