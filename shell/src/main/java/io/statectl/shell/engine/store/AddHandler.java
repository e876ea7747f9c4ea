package io.statectl.shell.engine.store;

import io.statectl.kernel.store.Hash;
import io.statectl.kernel.store.SourceFingerprint;
import io.statectl.kernel.store.Store;
import io.statectl.kernel.store.StoreOptimiser;
import io.statectl.kernel.store.StorePath;
import io.statectl.shell.engine.Caller;
import io.statectl.shell.engine.Output;
import io.statectl.shell.engine.PhaseTimer;
import io.statectl.shell.engine.Request;
import io.statectl.shell.engine.UsageException;
import io.statectl.shell.engine.session.StateSession;
import io.statectl.shell.engine.session.WaitTimeout;
import io.statectl.shell.engine.session.WriterLock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * {@code statectl store add PATH [--name N]} and {@code statectl store optimise}: adds a file or tree as the {@code source} path Nix's
 * {@code nix-store --add} gives it, and prints that path. An unchanged re-add is answered from
 * {@code <state>/add-cache} by a metadata fingerprint (size, mtime, inode of every entry) without
 * reading contents. The fingerprint walk refuses fifos, sockets, devices, names with a newline and
 * unreadable entries before anything is copied, so a refused add registers nothing.
 */
public final class AddHandler {
  private final Output out;
  private final PhaseTimer timer;
  private final Caller caller;
  private final WaitTimeout wait;

  public AddHandler(Output out, PhaseTimer timer, Caller caller, WaitTimeout wait) {
    this.out = out;
    this.timer = timer;
    this.caller = caller;
    this.wait = wait;
  }

  public int add(Request.StoreAdd r) {
    Path source = r.path().toAbsolutePath().normalize();
    if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
      throw new UsageException("cannot add " + source + ": it does not exist", "give an existing file or directory");
    }
    String name = r.name().orElseGet(() -> source.getFileName() == null ? "root" : source.getFileName().toString());
    StorePath.checkName(name);
    try (WriterLock lock = WriterLock.acquire(r.state().writerLock(), out, caller, wait, "adding to the store");
        StateSession s = new StateSession(r.state(), timer, StateSession.Access.WRITE)) {
      s.log(); // creates the state directory as every writing command does
      Store store = s.store();
      String fingerprint = timer.time("fingerprint", () -> SourceFingerprint.of(source));
      Path cache = s.directory().addCache().resolve(
          Hash.of(source + "\0" + name + "\0" + store.directory()).toBase32().substring(0, 32));
      Optional<StorePath> known = cached(cache, fingerprint).filter(p -> store.isValid(p)
          && Files.exists(store.toFile(p), LinkOption.NOFOLLOW_LINKS));
      StorePath path = known.orElseGet(() -> timer.time("add", () -> store.addSource(source, name)));
      if (known.isEmpty()) {
        remember(cache, fingerprint, path);
      }
      out.result(store.toFile(path).toString());
      return 0;
    }
  }

  /** {@code statectl store optimise}: hard-links identical files, under the writer lock. */
  public int optimise(Request.StoreOptimise r) {
    if (!r.state().exists()) {
      out.result("nothing to optimise: no state at " + r.state().root());
      return 0;
    }
    try (WriterLock lock = WriterLock.acquire(r.state().writerLock(), out, caller, wait, "optimising the store");
        StateSession s = new StateSession(r.state(), timer, StateSession.Access.WRITE)) {
      StoreOptimiser.Result result = timer.time("optimise", () -> new StoreOptimiser(s.store()).optimiseAll());
      out.result(result.filesLinked() + " file(s) hard-linked, " + result.bytesSaved() + " bytes saved");
      return 0;
    }
  }

  private static Optional<StorePath> cached(Path cache, String fingerprint) {
    try {
      List<String> lines = Files.readAllLines(cache, StandardCharsets.UTF_8);
      if (lines.size() == 2 && lines.get(0).equals(fingerprint)) {
        return Optional.of(StorePath.parse(lines.get(1)));
      }
    } catch (IOException | RuntimeException e) {
      // no entry, or a damaged one: hash the content
    }
    return Optional.empty();
  }

  /** Best effort: a lost entry only costs the next re-add a hash. */
  private static void remember(Path cache, String fingerprint, StorePath path) {
    try {
      Files.createDirectories(cache.getParent());
      Path temp = cache.resolveSibling(cache.getFileName() + ".tmp-" + ProcessHandle.current().pid());
      Files.writeString(temp, fingerprint + "\n" + path + "\n", StandardCharsets.UTF_8);
      Files.move(temp, cache, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      // the path is added; only the shortcut is lost
    }
  }
}
