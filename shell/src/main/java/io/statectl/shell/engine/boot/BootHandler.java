package io.statectl.shell.engine.boot;

import io.statectl.events.ActivationReason;
import io.statectl.events.BootChoice;
import io.statectl.kernel.ErrorCode;
import io.statectl.kernel.activation.ActivationTargets;
import io.statectl.kernel.activation.AtomicSymlink;
import io.statectl.kernel.activation.BackupPolicy;
import io.statectl.kernel.boot.BootEntry;
import io.statectl.kernel.boot.BootException;
import io.statectl.kernel.boot.BootLoaderDir;
import io.statectl.kernel.generation.ActivationManifest;
import io.statectl.kernel.generation.ProfilePartition;
import io.statectl.projections.ProjectionStore;
import io.statectl.projections.generations.ActiveGeneration;
import io.statectl.projections.generations.GenerationRecord;
import io.statectl.shell.engine.Caller;
import io.statectl.shell.engine.Output;
import io.statectl.shell.engine.PhaseTimer;
import io.statectl.shell.engine.Request;
import io.statectl.shell.engine.apply.GenerationActivation;
import io.statectl.shell.engine.apply.Manifests;
import io.statectl.shell.engine.session.StateSession;
import io.statectl.shell.engine.session.WaitTimeout;
import io.statectl.shell.engine.session.WriterLock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code statectl boot}: the boot entries of the machine's root, {@code --default N} (every boot),
 * {@code --once N} (the next boot only: systemd-boot's {@code LoaderEntryOneShot}, kept in
 * {@code <root>/boot/loader/statectl-oneshot} since there are no EFI variables to write), and
 * {@code --activate-at-boot}, which a generation's {@code init} runs as PID 1 before systemd.
 *
 * <p>The boot-time activation takes, in this order: the pending one-shot choice (read and
 * deleted; it wins over the entry's {@code statectl.generation=} because no loader reads that
 * file, so the loader booted its default), the generation the boot loader passed, the loader's
 * default, the generation whose init ran. It activates it as {@code switch} would but without
 * running systemctl (systemd is not up yet; the {@code wantedBy} links start the units), even when
 * it is already the active one ({@code /run} is empty after a boot), then points
 * {@code <root>/run/booted-system} at it.
 */
public final class BootHandler {
  private static final String PROFILE = ProfilePartition.SYSTEM;
  private final Output out;
  private final PhaseTimer timer;
  private final Caller caller;
  private final WaitTimeout wait;

  public BootHandler(Output out, PhaseTimer timer, Caller caller, WaitTimeout wait) {
    this.out = out;
    this.timer = timer;
    this.caller = caller;
    this.wait = wait;
  }

  public int boot(Request.Boot r) {
    if (!r.state().exists()) {
      throw new BootException(ErrorCode.BOOT_NO_LOADER, r.generation().orElse(0), "there is no statectl state at "
          + r.state().root(), "apply (or `statectl install`) a configuration with root files first");
    }
    if (r.action() == Request.BootAction.SHOW) {
      try (StateSession s = new StateSession(r.state(), timer)) {
        return show(s, root(r, s.projections()));
      }
    }
    try (WriterLock lock = WriterLock.acquire(r.state().writerLock(), out, caller, wait, "choosing a boot generation");
        StateSession s = new StateSession(r.state(), timer, StateSession.Access.WRITE)) {
      Path root = root(r, s.projections());
      BootLoaderDir dir = new BootLoaderDir(root);
      if (r.action() == Request.BootAction.ACTIVATE_AT_BOOT) {
        return activateAtBoot(s, r, root, dir);
      }
      int n = r.generation().orElseThrow();
      dir.requireExists();
      GenerationRecord g = bootable(s.projections(), n);
      if (!dir.entries().containsKey(n)) {
        throw new BootException(ErrorCode.BOOT_GENERATION_UNKNOWN, n, "generation " + n + " has no boot entry under "
            + dir.entriesDir() + " (it has " + numbers(dir.entries()) + ")",
            "only the newest boot.loader.configurationLimit generations keep one; raise the limit and apply again");
      }
      if (r.action() == Request.BootAction.DEFAULT) {
        BootPin.write(s.directory(), n);
        dir.writeDefault(n);
        s.commands().recordBootChoice(PROFILE, root.toString(), n, BootChoice.DEFAULT);
        out.result("boot default: generation " + n + " (" + dir.loaderConf() + ": default " + BootEntry.fileName(n) + ")");
      } else {
        dir.writeOneShot(n);
        s.commands().recordBootChoice(PROFILE, root.toString(), n, BootChoice.ONCE);
        out.result("next boot only: generation " + n + " (" + dir.oneShotFile() + "; the boot after it uses "
            + dir.defaultGeneration().map(d -> "generation " + d).orElse("the default") + ")");
      }
      return 0;
    }
  }

  private int show(StateSession s, Path root) {
    ProjectionStore p = s.projections();
    List<GenerationRecord> all = p.generations(PROFILE);
    int active = p.active(PROFILE).map(ActiveGeneration::number).orElse(0);
    BootLoaderDir dir = new BootLoaderDir(root);
    dir.requireExists();
    BootMarks marks = BootMarks.of(root, all, active);
    for (Map.Entry<Integer, BootEntry> e : dir.entries().entrySet()) {
      List<String> words = marks.of(e.getKey());
      out.result(String.format("%4d  %s  %s%s", e.getKey(), dir.entriesDir().resolve(e.getValue().fileName()),
          e.getValue().title(), words.isEmpty() ? "" : "  (" + String.join(", ", words) + ")"));
    }
    return 0;
  }

  private int activateAtBoot(StateSession s, Request.Boot r, Path root, BootLoaderDir dir) {
    ProjectionStore p = s.projections();
    Optional<ActiveGeneration> active = p.active(PROFILE);
    int current = active.map(ActiveGeneration::number).orElse(0);
    Optional<Integer> once = dir.takeOneShot();
    String why;
    int n;
    if (once.isPresent()) {
      n = once.get();
      why = "the one-shot choice (" + dir.oneShotFile() + ", now consumed)";
    } else if (r.generation().isPresent()) {
      n = r.generation().get();
      why = "statectl.generation=" + n;
    } else if (dir.defaultGeneration().isPresent()) {
      n = dir.defaultGeneration().get();
      why = "the boot default";
    } else {
      n = r.init().flatMap(i -> ofInit(p.generations(PROFILE), i, current)).orElse(current);
      why = "the generation whose init ran";
    }
    GenerationRecord g = bootable(p, n);
    ActivationManifest manifest = Manifests.read(g.storePath()).orElseThrow();
    Optional<ActivationManifest> previous = active.flatMap(a -> p.generation(PROFILE, a.number()))
        .flatMap(x -> Manifests.read(x.storePath()));
    Path home = active.map(a -> Path.of(a.home())).orElse(root.resolve("root"));
    ActivationTargets targets = new ActivationTargets(home, root, false,
        "boot-time activation: systemd is not running yet; the units' wantedBy links start them", "0", List.of());
    out.message("boot: activating generation " + n + " (" + why + ")");
    timer.time("activate", () -> new GenerationActivation(s, out).activate(PROFILE, n, Path.of(g.storePath()),
        previous, manifest, targets, BackupPolicy.BACK_UP, ActivationReason.BOOT, current));
    try {
      AtomicSymlink.replace(root.resolve(BootMarks.BOOTED_SYSTEM), Path.of(g.storePath()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot point " + root.resolve(BootMarks.BOOTED_SYSTEM) + " at " + g.storePath(), e);
    }
    out.result("booted generation " + n);
    return 0;
  }

  /** The generation whose store path holds {@code init}: the active one if it does, else the newest. */
  private static Optional<Integer> ofInit(List<GenerationRecord> all, Path init, int current) {
    Path dir = init.getParent();
    if (dir == null || dir.getFileName() == null) {
      return Optional.empty();
    }
    String name = dir.getFileName().toString();
    return all.stream().filter(g -> Path.of(g.storePath()).getFileName().toString().equals(name))
        .map(GenerationRecord::number).reduce((a, b) -> a == current ? a : b);
  }

  /** The generation, refused with STC-E253 when it does not exist and STC-E254 when it has no system part. */
  static GenerationRecord bootable(ProjectionStore p, int n) {
    List<GenerationRecord> all = p.generations(PROFILE);
    Optional<GenerationRecord> g = p.generation(PROFILE, n);
    if (g.isEmpty()) {
      String deleted = p.deletedGeneration(PROFILE, n).isPresent() ? "was deleted by gc" : "does not exist";
      throw new BootException(ErrorCode.BOOT_GENERATION_UNKNOWN, n, "generation " + n + " " + deleted
          + (all.isEmpty() ? "" : " (there are " + all.get(0).number() + ".." + all.get(all.size() - 1).number() + ")"),
          "`statectl boot` lists the generations with a boot entry");
    }
    boolean system = Manifests.read(g.get().storePath()).map(BootStep::bootable).orElse(false);
    if (!system) {
      throw new BootException(ErrorCode.BOOT_NOT_SYSTEM, n, "generation " + n + " places no files under the root "
          + "(no /etc entries, units or accounts), so it has no init and no boot entry",
          "boot a generation that declares system files; `statectl show-generation " + n + "` shows what it holds");
    }
    return g.get();
  }

  private static Path root(Request.Boot r, ProjectionStore p) {
    return r.root().map(x -> x.toAbsolutePath().normalize())
        .or(() -> p.active(PROFILE).flatMap(a -> Optional.ofNullable(a.root())).map(Path::of))
        .orElse(Path.of("/"));
  }

  private static String numbers(Map<Integer, BootEntry> entries) {
    return entries.isEmpty() ? "none" : entries.keySet().stream().map(String::valueOf)
        .collect(java.util.stream.Collectors.joining(", "));
  }
}
