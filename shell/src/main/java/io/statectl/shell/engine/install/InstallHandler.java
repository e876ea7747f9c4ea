package io.statectl.shell.engine.install;

import io.statectl.api.activation.RootFile;
import io.statectl.events.Installed;
import io.statectl.events.log.EventLog;
import io.statectl.events.log.NewEvent;
import io.statectl.kernel.ErrorCode;
import io.statectl.kernel.eval.Evaluation;
import io.statectl.kernel.eval.ModuleRegistry;
import io.statectl.kernel.store.FileTrees;
import io.statectl.shell.engine.Output;
import io.statectl.shell.engine.PhaseTimer;
import io.statectl.shell.engine.Request;
import io.statectl.shell.engine.eval.ConfigEvaluation;
import io.statectl.shell.engine.session.StateSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;

/**
 * {@code statectl install --root DIR}: refuses a root that is not a separate directory, one
 * installed before (unless {@code --force}), and one without systemd when services are declared,
 * all before writing anything; then activates generation 1 with the root's own state directory.
 *
 * <p>Why a mount namespace: a store path's text (and hash) contains its store directory, and the
 * links of a generation are absolute. So that they resolve once the root is booted, the root's
 * state directory {@code <root>/var/lib/statectl} is bound at {@code /var/lib/statectl} in a
 * private mount namespace ({@code unshare --mount}) and an ordinary {@code statectl apply --root
 * DIR} runs there: its store is {@code /var/lib/statectl/store} as the booted machine sees it,
 * physically inside the root — as {@code nixos-install} enters the root for its activation. The
 * closure is built or substituted (with {@code --substituters}) into that store and registered in
 * the root's own index; the root's log records generation 1; the installer's log records {@link
 * Installed}. The running system's {@code /var/lib/statectl} is hidden, never written.
 */
public final class InstallHandler {
  private static final String AGGREGATE_TYPE = "Install";
  private final Output out;
  private final PhaseTimer timer;

  public InstallHandler(Output out, PhaseTimer timer) {
    this.out = out;
    this.timer = timer;
  }

  public int install(Request.Install r, ModuleRegistry modules) {
    Path root = r.root().toAbsolutePath().normalize();
    InstallChecks.root(root, r.root());
    Path state = r.state().root();
    if (Files.exists(state) && !r.force()) {
      throw new InstallException(ErrorCode.INSTALL_EXISTS, "install: " + root + " already has " + state
          + "; pass --force to install again (its old generations are discarded)");
    }
    r.substitutes().check();
    Path config = ConfigEvaluation.directory(r.config());
    Evaluation.Success success = ConfigEvaluation.success(
        ConfigEvaluation.evaluate(modules, config, r.host(), r.platform(), timer));
    List<String> units = success.entries().stream().filter(e -> e instanceof RootFile)
        .map(e -> ((RootFile) e).target()).filter(t -> t.startsWith("etc/systemd/system/")).sorted().toList();
    InstallChecks.systemd(root, units);
    RootNamespace ns = new RootNamespace(state, Request.Install.ROOT_STATE);
    ns.probe();
    if (Files.exists(state)) {
      FileTrees.deleteRecursively(state); // --force
    }
    Path made = state; // what a refused install removes again: the outermost directory it creates
    while (made.getParent() != null && !Files.exists(made.getParent())) {
      made = made.getParent();
    }
    RootNamespace.Ran ran = timer.time("install: apply in the root", () -> ns.apply(childArgs(r, root, config)));
    ran.out().lines().forEach(out::result);
    ran.err().lines().forEach(out::message);
    if (ran.exit() != 0) {
      try {
        FileTrees.deleteRecursively(made); // the root's store and log of a refused install
      } catch (RuntimeException e) {
        out.message("note: could not remove " + made + ": " + e.getMessage());
      }
      return ran.exit();
    }
    InstalledRoot installed = InstalledRoot.read(r.state(), root);
    record(r, root, installed);
    out.result("installed " + r.host() + " onto " + root + ": state directory " + state + " (seen inside as "
        + Request.Install.ROOT_STATE + "): " + installed.storePaths() + " store paths in its store, event log with "
        + "generation 1 (" + installed.generationPath() + "), users/ids; /etc entries, accounts and " + units.size()
        + " unit(s) under " + root + "/etc (files of the base system in the way are kept as backups); " + root
        + "/run/current-system");
    io.statectl.kernel.boot.BootLoaderDir boot = new io.statectl.kernel.boot.BootLoaderDir(root);
    boot.entries().keySet().forEach(n -> out.result("boot entry: " + boot.entriesDir().resolve(
        io.statectl.kernel.boot.BootEntry.fileName(n)) + " (init=" + boot.entries().get(n).init() + ")"));
    out.result("recorded Installed in " + r.installer().root());
    out.result("next: boot it (e.g. `systemd-nspawn -D " + root + " -b`, or with the generation's init: `systemd-nspawn -D "
        + root + " " + installed.generationPath() + "/init`); inside, `statectl apply` and `statectl generations` use "
        + Request.Install.ROOT_STATE);
    return 0;
  }

  private static List<String> childArgs(Request.Install r, Path root, Path config) {
    List<String> a = new java.util.ArrayList<>(List.of("apply", "--state-dir", Request.Install.ROOT_STATE.toString(),
        "--root", root.toString(), "--home", root.resolve("root").toString(), "--config", config.toString(),
        "--host", r.host(), "-m", "installed by statectl install",
        // a bootstrapped base system has its own /etc/motd, /etc/hostname …: a declared entry
        // replaces it, the base's content kept in the root's store (`statectl backups` inside)
        "--backup"));
    r.platform().ifPresent(p -> a.addAll(List.of("--platform", p.id())));
    r.substitutes().substituters().forEach(s -> a.addAll(List.of("--substituters", s)));
    r.substitutes().extraSubstituters().forEach(s -> a.addAll(List.of("--extra-substituters", s)));
    r.substitutes().options().forEach(o -> a.addAll(List.of("--option", o)));
    if (r.substitutes().quiet()) {
      a.add("--quiet");
    }
    if (r.substitutes().noSandbox()) {
      a.add("--no-sandbox");
    }
    return a;
  }

  /** Appends {@link Installed} to the installer's log under its writer lock. */
  private void record(Request.Install r, Path root, InstalledRoot installed) {
    try {
      Files.createDirectories(r.installer().root());
      try (FileChannel ch = FileChannel.open(r.installer().writerLock(), StandardOpenOption.CREATE,
              StandardOpenOption.WRITE);
          var lock = ch.lock();
          StateSession s = new StateSession(r.installer(), timer, StateSession.Access.WRITE)) {
        EventLog log = s.log();
        String profile = "install:" + root;
        long next = log.lastAggregateSequence(profile).stream().map(x -> x + 1).findFirst().orElse(0L);
        log.append(List.of(NewEvent.of(new Installed(profile, root.toString(), r.host(), installed.generation(),
            installed.generationPath(), installed.storePaths()), AGGREGATE_TYPE, next, Instant.now())));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot record Installed in " + r.installer().root(), e);
    }
  }
}
