package io.statectl.shell.engine.store;

import io.statectl.kernel.ErrorCode;
import io.statectl.kernel.gc.TempRoots;
import io.statectl.kernel.realise.BuildListener;
import io.statectl.kernel.realise.Realiser;
import io.statectl.kernel.store.FileTrees;
import io.statectl.kernel.store.PathInfo;
import io.statectl.kernel.store.Store;
import io.statectl.kernel.store.StorePath;
import io.statectl.kernel.store.StoreProblem;
import io.statectl.kernel.store.StoreVerifier;
import io.statectl.shell.engine.Caller;
import io.statectl.shell.engine.Output;
import io.statectl.shell.engine.PhaseTimer;
import io.statectl.shell.engine.Request;
import io.statectl.shell.engine.build.PackageBuilds;
import io.statectl.shell.engine.session.StateSession;
import io.statectl.shell.engine.session.WaitTimeout;
import io.statectl.shell.engine.session.WriterLock;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code statectl store verify [--check-contents] [--repair]}: every problem of the store (missing,
 * damaged, unregistered, dangling) and every profile or root link to a missing path, one line
 * each; with {@code --repair} (under the writer lock) damaged and missing paths are rebuilt from
 * their derivations and put in place atomically, and unregistered entries deleted.
 */
public final class VerifyHandler {
  private final Output out;
  private final PhaseTimer timer;
  private final Caller caller;
  private final WaitTimeout wait;

  public VerifyHandler(Output out, PhaseTimer timer, Caller caller, WaitTimeout wait) {
    this.out = out;
    this.timer = timer;
    this.caller = caller;
    this.wait = wait;
  }

  public int verify(Request.StoreVerify r) {
    if (!r.state().exists()) {
      out.result("nothing to verify: no state at " + r.state().root());
      return 0;
    }
    if (r.repair() == Request.RepairMode.REPAIR) {
      try (WriterLock lock = WriterLock.acquire(r.state().writerLock(), out, caller, wait, "repairing the store");
          StateSession s = new StateSession(r.state(), timer, StateSession.Access.WRITE)) {
        return run(s, r);
      }
    }
    try (StateSession s = new StateSession(r.state(), timer)) {
      return run(s, r);
    }
  }

  private int run(StateSession s, Request.StoreVerify r) {
    Store store = s.store();
    Set<StorePath> inProgress = new HashSet<>();
    TempRoots.live(s.directory().tempRoots()).forEach(h -> inProgress.addAll(h.paths()));
    StoreVerifier.Contents contents = r.contents() == Request.ContentCheck.CHECK
        ? StoreVerifier.Contents.CHECK : StoreVerifier.Contents.SKIP;
    List<StoreProblem> problems = new ArrayList<>(
        timer.time("store verify", () -> new StoreVerifier(store).verify(contents, inProgress)));
    brokenLinks(s.directory().profiles(), store, problems);
    brokenLinks(s.directory().gcRoots(), store, problems);
    if (problems.isEmpty()) {
      out.result("store ok: " + store.validPaths().size() + " valid path(s)"
          + (contents == StoreVerifier.Contents.CHECK ? ", contents match their hashes" : " on disk (add --check-contents to hash them)"));
      return 0;
    }
    if (r.repair() == Request.RepairMode.REPORT) {
      StringBuilder lines = new StringBuilder();
      problems.forEach(p -> lines.append(lines.length() == 0 ? "" : "\n").append(p.describe()));
      out.result(lines.toString());
      out.message("error[" + ErrorCode.STORE_DAMAGED.id() + "]: " + problems.size() + " problem(s) in the store "
          + store.directory() + "\n  hint: `statectl store verify --repair` rebuilds missing and damaged paths from "
          + "their derivations and deletes unregistered entries");
      return ErrorCode.STORE_DAMAGED.exitCode();
    }
    return repair(s, store, problems);
  }

  private int repair(StateSession s, Store store, List<StoreProblem> problems) {
    Realiser realiser = null;
    List<String> left = new ArrayList<>();
    for (StoreProblem p : problems) {
      Optional<StorePath> damaged = p instanceof StoreProblem.Missing m ? Optional.of(m.path())
          : p instanceof StoreProblem.Damaged d ? Optional.of(d.path()) : Optional.empty();
      if (p instanceof StoreProblem.Unregistered u) {
        FileTrees.deleteRecursively(u.file());
        out.result("removed unregistered " + u.file());
        continue;
      }
      if (damaged.isEmpty()) {
        left.add(p.describe() + " (not repairable by rebuilding)");
        continue;
      }
      PathInfo info = store.pathInfo(damaged.get()).orElseThrow();
      if (info.deriver().isEmpty() || !store.isValid(info.deriver().get())) {
        left.add(p.describe() + " (no derivation to rebuild it from: add the source again)");
        continue;
      }
      if (realiser == null) {
        realiser = new PackageBuilds(s, out, timer).realiser(BuildListener.NONE);
      }
      boolean ok;
      try {
        ok = realiser.repair(info.deriver().get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      } catch (IllegalStateException e) {
        left.add(p.describe() + " (" + e.getMessage() + ")");
        continue;
      }
      if (ok && new StoreVerifier(store).check(info).isEmpty()) {
        out.result("repaired " + store.toFile(info.path()) + " (rebuilt from " + store.toFile(info.deriver().get()) + ")");
      } else {
        left.add(p.describe() + " (the rebuild gave other contents: the derivation is not deterministic)");
      }
    }
    if (left.isEmpty()) {
      out.message("store repaired: " + problems.size() + " problem(s) fixed");
      return 0;
    }
    left.forEach(out::result);
    out.message("error[" + ErrorCode.REPAIR_FAILED.id() + "]: " + left.size() + " problem(s) could not be repaired"
        + "\n  hint: each line above says why; a source path comes back with `statectl store add` or the next apply");
    return ErrorCode.REPAIR_FAILED.exitCode();
  }

  /** Links under {@code dir} (profiles, gcroots) that lead into the store but not to a valid path on disk. */
  private static void brokenLinks(Path dir, Store store, List<StoreProblem> problems) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (DirectoryStream<Path> links = Files.newDirectoryStream(dir)) {
      for (Path link : links) {
        if (!Files.isSymbolicLink(link) || link.getFileName().toString().startsWith(".")) {
          continue;
        }
        Path target = link.getParent().resolve(Files.readSymbolicLink(link));
        Optional<StorePath> p = store.parseStoreFile(target);
        if (p.isPresent() && (!store.isValid(p.get()) || !Files.exists(store.toFile(p.get()), LinkOption.NOFOLLOW_LINKS))) {
          problems.add(new StoreProblem.BrokenLink(link, target));
        } else if (p.isEmpty() && !Files.exists(target)) {
          problems.add(new StoreProblem.BrokenLink(link, target));
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot read the links in " + dir, e);
    }
  }
}
