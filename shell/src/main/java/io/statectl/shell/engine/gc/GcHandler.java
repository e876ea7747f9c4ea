package io.statectl.shell.engine.gc;

import io.statectl.kernel.gc.GarbageCollector;
import io.statectl.kernel.profile.GenerationActiveException;
import io.statectl.kernel.store.Store;
import io.statectl.kernel.store.StorePath;
import io.statectl.projections.ProjectionStore;
import io.statectl.projections.generations.ActiveGeneration;
import io.statectl.projections.generations.GenerationRecord;
import io.statectl.shell.engine.Caller;
import io.statectl.shell.engine.Output;
import io.statectl.shell.engine.PhaseTimer;
import io.statectl.shell.engine.Request;
import io.statectl.shell.engine.session.StateSession;
import io.statectl.shell.engine.session.WaitTimeout;
import io.statectl.shell.engine.session.WriterLock;
import io.statectl.shell.engine.store.StoreRoots;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * {@code statectl gc}: deletes the generations asked for (never the active one), then removes the
 * store paths that no root reaches, and the store directory's unregistered entries (partial outputs
 * of killed builds). Roots ({@link StoreRoots}): the remaining generations of every profile, every
 * configuration snapshot ever recorded (small, and what lets {@code replay --apply} rebuild a
 * deleted generation), every backup (what {@code restore-backup} needs), profile links, {@code
 * gcroots} and out-links, and the temp roots of running builds. It holds the writer lock, which a
 * build holds while it registers its temp roots, so it never deletes what a build will use.
 */
public final class GcHandler {
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
      io.statectl.shell.engine.apply.InterruptedActivations.recover(s, out);
      ProjectionStore p = s.projections();
      String profile = r.profile();
      int active = p.active(profile).map(ActiveGeneration::number).orElse(0);
      List<GenerationRecord> live = p.generations(profile);
      TreeSet<Integer> delete = new TreeSet<>();
      r.delete().ifPresent(range -> {
        if (active >= range.first() && active <= range.last()) {
          throw new GenerationActiveException(profile, active);
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
      List<StoreRoots.Root> roots = timer.time("gc roots", () -> StoreRoots.collect(s, new StoreRoots.Deleting(profile, delete)));
      GarbageCollector collector = new GarbageCollector(store);
      GarbageCollector.Plan plan = timer.time("gc plan", () -> collector.plan(StoreRoots.paths(roots)));
      String deleted = delete.isEmpty() ? "no generations deleted"
          : "generation(s) " + delete.stream().map(String::valueOf).collect(Collectors.joining(", ")) + (profile.equals(io.statectl.shell.engine.Profiles.SYSTEM) ? "" : " of " + profile)
              + " deleted";
      if (r.mode() == Request.Mode.DRY_RUN) {
        StringBuilder lines = new StringBuilder("dry run: " + deleted.replace("deleted", "would be deleted") + "; "
            + plan.garbage().size() + " store path(s) would be removed (" + plan.bytes() + " bytes)");
        plan.garbage().forEach(i -> lines.append("\n  ").append(store.toFile(i.path())).append("  ").append(i.narSize())
            .append(" bytes"));
        plan.strays().forEach(f -> lines.append("\n  ").append(f).append("  (not registered: a partial or interrupted add)"));
        out.result(lines.toString());
        return 0;
      }
      if (r.maxFreed().isPresent() && r.maxFreed().get() == 0) {
        out.result("--max-freed 0: nothing deleted (" + plan.garbage().size() + " store path(s), " + plan.bytes()
            + " bytes are garbage" + (delete.isEmpty() ? "" : "; generations kept too") + ")");
        return 0;
      }
      if (!delete.isEmpty()) {
        s.commands().deleteGenerations(profile, List.copyOf(delete));
        for (int n : delete) {
          deleteIfExists(s.directory().profiles().resolve(profile + "-" + n + "-link"));
        }
        // Deleted generations lose their boot entries (and so stop being roots through them).
        p.active(profile).flatMap(a -> java.util.Optional.ofNullable(a.root())).filter(x -> profile.equals(
            io.statectl.shell.engine.Profiles.SYSTEM)).ifPresent(root ->
            io.statectl.shell.engine.boot.BootStep.write(s, Path.of(root), out));
      }
      GarbageCollector.Limit limit = r.maxFreed().<GarbageCollector.Limit>map(GarbageCollector.Limit.MaxFreed::new)
          .orElse(new GarbageCollector.Limit.None());
      GarbageCollector.Result result = timer.time("gc collect", () -> collector.collect(plan, limit));
      List<StorePath> removed = result.removed();
      String strays = result.strays().isEmpty() ? "" : "; " + result.strays().size()
          + " unregistered entr" + (result.strays().size() == 1 ? "y" : "ies") + " (partial outputs) deleted";
      if (!removed.isEmpty()) {
        s.commands().recordCollection(profile,
            removed.stream().map(x -> store.toFile(x).toString()).sorted().toList(), result.bytes());
        String capped = removed.size() < plan.garbage().size()
            ? " (--max-freed reached; " + (plan.garbage().size() - removed.size()) + " garbage path(s) left)" : "";
        out.result(deleted + "; " + removed.size() + " store path(s) removed, " + result.bytes() + " bytes freed"
            + capped + strays);
      } else {
        out.result(deleted + "; no store paths to remove" + strays);
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
