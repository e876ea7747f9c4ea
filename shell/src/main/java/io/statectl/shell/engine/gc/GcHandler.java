package io.statectl.shell.engine.gc;

import io.statectl.kernel.gc.GarbageCollector;
import io.statectl.kernel.profile.GenerationActiveException;
import io.statectl.kernel.store.PathInfo;
import io.statectl.kernel.store.Store;
import io.statectl.kernel.store.StorePath;
import io.statectl.projections.ProjectionStore;
import io.statectl.projections.backups.BackupRecord;
import io.statectl.projections.generations.ActiveGeneration;
import io.statectl.projections.generations.GenerationRecord;
import io.statectl.shell.engine.Caller;
import io.statectl.shell.engine.Output;
import io.statectl.shell.engine.PhaseTimer;
import io.statectl.shell.engine.Profiles;
import io.statectl.shell.engine.Request;
import io.statectl.shell.engine.session.StateSession;
import io.statectl.shell.engine.session.WaitTimeout;
import io.statectl.shell.engine.session.WriterLock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * {@code statectl gc}: deletes the generations asked for (never the active one), then removes the
 * store paths that no root reaches. Roots: the remaining generations, every configuration snapshot
 * ever recorded (small, and what lets {@code replay --apply} rebuild a deleted generation), and
 * every backup (what {@code restore-backup} needs).
 */
public final class GcHandler {
  private static final String PROFILE = Profiles.SYSTEM;
  private final Output out;
  private final PhaseTimer timer;
  private final Caller caller;
  private final WaitTimeout wait;

  public GcHandler(Output out, PhaseTimer timer, Caller caller, WaitTimeout wait) {
    this.caller = caller;
    this.out = out;
    this.timer = timer;
    this.wait = wait;
  }

  public int gc(Request.Gc r) {
    if (!r.state().exists()) {
      out.result("nothing to collect: no state at " + r.state().root());
      return 0;
    }
    try (WriterLock lock = WriterLock.acquire(r.state().writerLock(), out, caller, wait, "collecting garbage");
        StateSession s = new StateSession(r.state(), timer, StateSession.Access.WRITE)) {
      ProjectionStore p = s.projections();
      int active = p.active(PROFILE).map(ActiveGeneration::number).orElse(0);
      List<GenerationRecord> live = p.generations(PROFILE);
      TreeSet<Integer> delete = new TreeSet<>();
      r.delete().ifPresent(range -> {
        if (active >= range.first() && active <= range.last()) {
          throw new GenerationActiveException(PROFILE, active);
        }
        live.stream().filter(g -> g.number() >= range.first() && g.number() <= range.last())
            .forEach(g -> delete.add(g.number()));
      });
      r.olderThan().ifPresent(age -> {
        Instant cutoff = Instant.now().minus(age);
        live.stream().filter(g -> g.number() != active && g.createdAt().isBefore(cutoff))
            .forEach(g -> delete.add(g.number()));
      });
      Store store = s.store();
      List<StorePath> roots = new ArrayList<>();
      for (GenerationRecord g : live) {
        if (!delete.contains(g.number())) {
          parse(store, g.storePath()).ifPresent(roots::add);
        }
        parse(store, g.snapshotPath()).ifPresent(roots::add);
      }
      for (GenerationRecord g : p.deletedGenerations(PROFILE)) {
        parse(store, g.snapshotPath()).ifPresent(roots::add);
      }
      for (String other : p.profiles()) {
        // Only the system profile's generations can be deleted by gc so far; every other
        // profile's generations (home-<user>) stay roots.
        if (!other.equals(PROFILE)) {
          for (GenerationRecord g : p.generations(other)) {
            parse(store, g.storePath()).ifPresent(roots::add);
            parse(store, g.snapshotPath()).ifPresent(roots::add);
          }
          for (GenerationRecord g : p.deletedGenerations(other)) {
            parse(store, g.snapshotPath()).ifPresent(roots::add);
          }
        }
      }
      for (BackupRecord b : p.backups()) {
        parse(store, b.storePath()).ifPresent(roots::add);
      }
      GarbageCollector collector = new GarbageCollector(store);
      GarbageCollector.Plan plan = timer.time("gc plan", () -> collector.plan(roots));
      String deleted = delete.isEmpty() ? "no generations deleted"
          : "generation(s) " + delete.stream().map(String::valueOf).collect(Collectors.joining(", ")) + " deleted";
      if (r.mode() == Request.Mode.DRY_RUN) {
        out.result("dry run: " + deleted.replace("deleted", "would be deleted") + "; " + plan.garbage().size()
            + " store path(s) would be removed (" + plan.bytes() + " bytes)");
        plan.garbage().forEach(i -> out.result("  " + store.toFile(i.path())));
        return 0;
      }
      if (!delete.isEmpty()) {
        s.commands().deleteGenerations(PROFILE, List.copyOf(delete));
        for (int n : delete) {
          deleteIfExists(s.directory().profiles().resolve(PROFILE + "-" + n + "-link"));
        }
      }
      List<StorePath> removed = timer.time("gc collect", () -> collector.collect(plan));
      if (!removed.isEmpty()) {
        Set<StorePath> gone = Set.copyOf(removed);
        long bytes = plan.garbage().stream().filter(i -> gone.contains(i.path())).mapToLong(PathInfo::narSize).sum();
        s.commands().recordCollection(PROFILE,
            removed.stream().map(x -> store.toFile(x).toString()).sorted().toList(), bytes);
        out.result(deleted + "; " + removed.size() + " store path(s) removed, " + bytes + " bytes freed");
      } else {
        out.result(deleted + "; no store paths to remove");
      }
      return 0;
    }
  }

  private static java.util.Optional<StorePath> parse(Store store, String path) {
    return store.parseStoreFile(Path.of(path));
  }

  private static void deleteIfExists(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + p, e);
    }
  }
}
