package io.statectl.shell.engine.drift;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.statectl.events.DriftItem;
import io.statectl.events.DriftKind;
import io.statectl.events.EventJson;
import io.statectl.kernel.ErrorCode;
import io.statectl.kernel.activation.ActivationPlan;
import io.statectl.kernel.drift.DriftChecker;
import io.statectl.kernel.drift.RepairPlanner;
import io.statectl.kernel.generation.ActivationManifest;
import io.statectl.kernel.profile.RecordDrift;
import io.statectl.projections.ProjectionStore;
import io.statectl.projections.drift.DriftRecord;
import io.statectl.projections.generations.ActiveGeneration;
import io.statectl.projections.generations.GenerationRecord;
import io.statectl.shell.engine.Caller;
import io.statectl.shell.engine.Output;
import io.statectl.shell.engine.PhaseTimer;
import io.statectl.shell.engine.Profiles;
import io.statectl.shell.engine.Request;
import io.statectl.shell.engine.UsageException;
import io.statectl.shell.engine.apply.GenerationActivation;
import io.statectl.shell.engine.apply.Manifests;
import io.statectl.shell.engine.session.StateSession;
import io.statectl.shell.engine.session.WaitTimeout;
import io.statectl.shell.engine.session.WriterLock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import io.statectl.events.ActivationReason;
import io.statectl.kernel.activation.ActivationJournal;
import io.statectl.kernel.activation.BackupPolicy;
import io.statectl.kernel.activation.CrashPoints;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code statectl status} (drift of the live home from the active generation, recorded as an
 * event when it is new) and {@code statectl apply --repair} (fix it, recorded too).
 */
public final class DriftHandler {
  private final Output out;
  private final PhaseTimer timer;
  private final Caller caller;
  private final WaitTimeout wait;
  private final ObjectMapper json = EventJson.newMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public DriftHandler(Output out, PhaseTimer timer, Caller caller, WaitTimeout wait) {
    this.caller = caller;
    this.out = out;
    this.timer = timer;
    this.wait = wait;
  }

  /** What status compares: the active generation, its manifest and the home. */
  private record Subject(String profile, int number, Path generation, ActivationManifest manifest, Path home) {}

  private static Subject subject(StateSession s, String profile, Optional<Path> homeOption) {
    ProjectionStore p = s.projections();
    ActiveGeneration active = p.active(profile).orElseThrow(() -> new UsageException(
        "no generation is active in " + s.directory().root(), "run `statectl apply` first"));
    GenerationRecord g = p.generation(profile, active.number()).orElseThrow();
    ActivationManifest manifest = Manifests.read(g.storePath()).orElseThrow(() -> new UsageException(
        "the active generation " + g.number() + " is missing from the store (" + g.storePath() + ")",
        "`statectl replay --to-generation " + g.number() + " --apply` realises it again"));
    Path home = homeOption.map(h -> h.toAbsolutePath().normalize()).orElse(Path.of(active.home()));
    return new Subject(profile, g.number(), Path.of(g.storePath()), manifest, home);
  }

  private static List<DriftItem> check(StateSession s, Subject subject) {
    return new DriftChecker().check(subject.home(), s.directory().profileLink(subject.profile()), subject.generation(),
        subject.manifest());
  }

  public int status(Request.Status r) {
    if (!r.state().exists()) {
      throw new UsageException("nothing is managed yet at " + r.state().root(), "run `statectl apply` first");
    }
    Subject subject;
    List<DriftItem> items;
    try (StateSession s = new StateSession(r.state(), timer)) {
      ProjectionStore p = s.projections();
      String profile = Profiles.SYSTEM;
      if (r.profile().isPresent()) {
        profile = Profiles.checked(r.profile().get());
      } else if (p.active(Profiles.SYSTEM).isEmpty()) {
        // Without --profile: the system profile, or the only profile there is (a home-only setup).
        profile = p.profiles().stream().filter(x -> p.active(x).isPresent()).findFirst().orElse(Profiles.SYSTEM);
      }
      subject = subject(s, profile, r.home());
      items = timer.time("drift check", () -> check(s, subject));
      if (!items.isEmpty() && !alreadyRecorded(s, subject, items)) {
        recordIfIdle(s, subject, items);
      }
    }
    if (r.format() == Request.Format.JSON) {
      ObjectNode n = json.createObjectNode();
      n.put("profile", subject.profile());
      n.put("generation", subject.number());
      n.put("home", subject.home().toString());
      n.put("clean", items.isEmpty());
      n.put("count", items.size());
      n.set("drift", json.valueToTree(items));
      print(n);
    } else if (items.isEmpty()) {
      out.result("generation " + subject.number() + " is active in " + subject.home() + ": no drift");
    } else {
      out.result("generation " + subject.number() + " is active in " + subject.home() + "; " + items.size()
          + " difference(s):");
      for (DriftItem i : items) {
        out.result(String.format("  %-14s %s", label(i.kind()), i.path()));
        out.result("                 " + i.detail());
      }
      boolean repairable = items.stream().anyMatch(i -> i.kind() != DriftKind.UNMANAGED);
      if (repairable) {
        out.result("repair with: statectl apply --repair");
      }
    }
    return !items.isEmpty() && r.exit() == Request.DriftExit.NON_ZERO_ON_DRIFT ? ErrorCode.DRIFT.exitCode() : 0;
  }

  /** Whether the last drift recorded is exactly this one (so recording it again would only add noise). */
  private static boolean alreadyRecorded(StateSession s, Subject subject, List<DriftItem> items) {
    Optional<DriftRecord> last = s.projections().drift(subject.profile());
    return last.map(d -> d.state().equals("detected") && d.generation() == subject.number()
        && d.home().equals(subject.home().toString()) && d.items().equals(items)).orElse(false);
  }

  /** Records the drift unless a writer is busy: status is a reader and never waits. */
  private void recordIfIdle(StateSession s, Subject subject, List<DriftItem> items) {
    Path lockFile = s.directory().writerLock();
    try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      FileLock lock = ch.tryLock();
      if (lock == null) {
        out.message("note: drift not recorded: another statectl is changing " + s.directory().root());
        return;
      }
      try {
        s.commands().recordDrift(subject.profile(), subject.number(), subject.home().toString(), items,
            RecordDrift.Outcome.DETECTED);
        out.message("recorded as DriftDetected (event " + s.log().lastSequence() + ")");
      } finally {
        lock.release();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + lockFile, e);
    }
  }

  public int repair(Request.Repair r) {
    if (!r.state().exists()) {
      throw new UsageException("nothing is managed yet at " + r.state().root(), "run `statectl apply` first");
    }
    try (WriterLock lock = WriterLock.acquire(r.state().writerLock(), out, caller, wait, "repairing");
        StateSession s = new StateSession(r.state(), timer, StateSession.Access.WRITE)) {
      io.statectl.shell.engine.apply.InterruptedActivations.recover(s, out);
      Subject subject = subject(s, Profiles.SYSTEM, r.home());
      List<DriftItem> items = check(s, subject);
      if (items.isEmpty()) {
        out.result("nothing to repair: " + subject.home() + " matches generation " + subject.number());
        return 0;
      }
      Path profileLink = s.directory().profileLink(subject.profile());
      ActivationPlan plan = new RepairPlanner().plan(items, subject.home(), profileLink, subject.number(),
          subject.generation(), subject.manifest());
      if (!alreadyRecorded(s, subject, items)) {
        s.commands().recordDrift(subject.profile(), subject.number(), subject.home().toString(), items,
            RecordDrift.Outcome.DETECTED);
      }
      timer.time("repair", () -> {
        repairJournaled(s, subject, plan);
        return null;
      });
      List<DriftItem> after = check(s, subject);
      List<DriftItem> repaired = items.stream().filter(i -> !after.contains(i)).toList();
      if (!repaired.isEmpty()) {
        s.commands().recordDrift(subject.profile(), subject.number(), subject.home().toString(), repaired,
            RecordDrift.Outcome.REPAIRED);
      }
      for (DriftItem i : repaired) {
        out.result(String.format("  repaired %-14s %s", label(i.kind()), i.path()));
      }
      plan.notes().forEach(n -> out.message("note: " + n));
      out.result("repaired " + repaired.size() + " of " + items.size() + " difference(s) from generation "
          + subject.number() + (after.isEmpty() ? "" : "; " + after.size() + " left (see notes)"));
      return 0;
    }
  }

  /**
   * Carries out a repair plan under the activation journal (generation N to N itself, reason
   * REPAIR): a crash part way is finished by the next command ({@code InterruptedActivations}
   * repairs again), a failure here leaves the home as far as it got (still generation N, with
   * the drift that is left) and the journal goes.
   */
  private void repairJournaled(StateSession s, Subject subject, ActivationPlan plan) {
    int switchStep = plan.steps().size();
    for (int i = 0; i < plan.steps().size(); i++) {
      if (plan.steps().get(i) instanceof io.statectl.kernel.activation.PlanStep.SwitchProfile) {
        switchStep = i;
      }
    }
    ActivationJournal journal = new ActivationJournal(subject.profile(), subject.number(), subject.number(),
        subject.generation().toString(), subject.generation().toString(),
        io.statectl.kernel.activation.ActivationTargets.homeOnly(subject.home()), BackupPolicy.BACK_UP,
        ActivationReason.REPAIR.name(), s.log().lastSequence(), plan.steps().size(), switchStep, List.of());
    ActivationJournal.Open open = journal.write(s.directory().activationJournal());
    CrashPoints.reached("repair journal written");
    try {
      new GenerationActivation(s, out).execute(subject.profile(), plan,
          io.statectl.kernel.activation.ActivationTargets.homeOnly(subject.home()), step -> {
        open.stepDone(step);
        CrashPoints.reached("repair step " + open.stepsDone() + " done");
      });
    } finally {
      open.finish();
    }
  }

  private static String label(DriftKind kind) {
    return kind.toString().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  private void print(Object node) {
    try {
      out.result(json.writeValueAsString(node));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
