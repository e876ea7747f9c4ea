package io.statectl.shell.engine.inspect;

import io.statectl.events.BuildFailed;
import io.statectl.events.BuildStarted;
import io.statectl.events.BuildSucceeded;
import io.statectl.events.ConfigurationEvaluated;
import io.statectl.events.ConfigurationSubmitted;
import io.statectl.events.DriftDetected;
import io.statectl.events.DriftItem;
import io.statectl.events.DriftRepaired;
import io.statectl.events.FileBackedUp;
import io.statectl.events.GenerationActivated;
import io.statectl.events.GenerationCreated;
import io.statectl.events.GenerationRestored;
import io.statectl.events.GenerationsDeleted;
import io.statectl.events.StatectlEvent;
import io.statectl.events.StorePathsCollected;
import java.util.stream.Collectors;

/** One readable line per event, for {@code statectl history}. */
public final class EventSummaries {
  private EventSummaries() {}

  static String summary(StatectlEvent e) {
    // Java 17 has no pattern switch; the sealed hierarchy keeps this chain complete.
    if (e instanceof ConfigurationSubmitted s) {
      return "host " + s.host() + " from " + s.configDir() + ", snapshot " + s.snapshotPath();
    } else if (e instanceof ConfigurationEvaluated v) {
      return "host " + v.host() + ": " + v.entries() + " entries, plugins " + String.join(", ", v.plugins());
    } else if (e instanceof GenerationCreated g) {
      return "generation " + g.number() + " of host " + g.host() + ": " + g.storePath();
    } else if (e instanceof GenerationActivated a) {
      return "generation " + a.number() + " active (" + a.reason().toString().toLowerCase(java.util.Locale.ROOT)
          + (a.previous() == 0 ? "" : ", was " + a.previous()) + ") in " + a.home();
    } else if (e instanceof io.statectl.events.PluginInstalled p) {
      return "plugin " + p.id() + "@" + p.version() + " from " + p.source() + " (sha256 " + p.sha256() + ")";
    } else if (e instanceof io.statectl.events.PluginRemoved p) {
      return "plugin " + p.id() + "@" + p.version() + (p.forced() ? " (forced, still in use)" : "");
    } else if (e instanceof FileBackedUp b) {
      return b.livePath() + " saved as " + b.storePath();
    } else if (e instanceof GenerationsDeleted d) {
      return "generation(s) " + d.numbers().stream().map(String::valueOf).collect(Collectors.joining(", "))
          + " deleted";
    } else if (e instanceof GenerationRestored g) {
      return "generation " + g.number() + " realised again from its configuration: " + g.storePath();
    } else if (e instanceof StorePathsCollected c) {
      return c.paths().size() + " store path(s) removed, " + c.bytes() + " bytes";
    } else if (e instanceof DriftDetected d) {
      return d.items().size() + " difference(s) from generation " + d.generation() + " in " + d.home() + ": "
          + kinds(d.items());
    } else if (e instanceof BuildStarted s) {
      return "building " + s.derivation();
    } else if (e instanceof BuildSucceeded s) {
      return "built " + String.join(", ", s.outputs()) + " in " + s.millis() + " ms"
          + (s.unsandboxed() ? " WITHOUT the sandbox" : "");
    } else if (e instanceof BuildFailed f) {
      return "build of " + f.derivation() + " failed: " + f.reason();
    } else if (e instanceof io.statectl.events.ActivationFailed f) {
      return activationFailed(f);
    } else if (e instanceof io.statectl.events.BootEntriesWritten b) {
      return "boot entries under " + b.root() + "/boot: generation(s) " + b.generations().stream().map(String::valueOf)
          .collect(Collectors.joining(", ")) + ", default " + b.defaultGeneration();
    } else if (e instanceof io.statectl.events.BootDefaultChanged b) {
      return (b.choice() == io.statectl.events.BootChoice.ONCE ? "next boot only: generation " : "boot default: generation ") + b.generation();
    } else if (e instanceof io.statectl.events.Installed i) {
      return "installed " + i.host() + " onto " + i.root() + " (its generation " + i.generation() + ", " + i.storePaths()
          + " store paths)";
    } else if (e instanceof io.statectl.events.PathSubstituted p) {
      return "substituted " + p.path() + " from " + p.from()
          + (p.signedBy().isEmpty() ? " (unsigned)" : " (signed by " + p.signedBy() + ")");
    } else if (e instanceof io.statectl.events.DeployStarted d) {
      return "deploying host " + d.host() + " to node " + d.node() + " (" + d.destination() + ")";
    } else if (e instanceof io.statectl.events.DeployCompleted d) {
      return "node " + d.node() + " " + d.result() + ": generation " + d.generation()
          + (d.previous() == 0 ? "" : " (was " + d.previous() + ")") + ", " + d.pathsCopied() + " path(s) copied, "
          + d.bytes() + " bytes, " + d.millis() + " ms";
    } else if (e instanceof io.statectl.events.DeployFailed d) {
      return "node " + d.node() + " failed at " + d.stage() + " [" + d.code() + "]: " + d.reason();
    } else if (e instanceof io.statectl.events.ActivationReverted r) {
      return "generation " + r.number() + " reverted to " + r.revertedTo() + ": " + r.reason();
    }
    DriftRepaired d = (DriftRepaired) e;
    return d.items().size() + " difference(s) from generation " + d.generation() + " repaired in " + d.home() + ": "
        + kinds(d.items());
  }

  private static String kinds(java.util.List<DriftItem> items) {
    return items.stream().map(i -> i.kind().toString().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " "
        + i.path()).collect(Collectors.joining(", "));
  }

  private static String activationFailed(io.statectl.events.ActivationFailed f) {
    String after = switch (f.outcome()) {
      case io.statectl.events.ActivationFailed.ROLLED_BACK -> f.rolledBackTo() > 0
          ? "; rolled back to " + f.rolledBackTo() : "; rolled back (no generation active)";
      case io.statectl.events.ActivationFailed.ROLLED_FORWARD -> "; rolled forward: generation " + f.number()
          + " is active";
      default -> "";
    };
    return switch (f.cause()) {
      case io.statectl.events.ActivationFailed.UNITS -> "generation " + f.number() + " activated with failed units: "
          + String.join(", ", f.failedUnits()) + after;
      case io.statectl.events.ActivationFailed.INTERRUPTED -> "activation of generation " + f.number()
          + " interrupted after " + f.stepsDone() + " step(s)" + after;
      default -> "activation of generation " + f.number() + " failed at " + f.step() + ": " + f.error()
          + (f.outcome().equals(io.statectl.events.ActivationFailed.LEFT_ACTIVE) ? "; generation " + f.number()
              + " left active" : after);
    };
  }
}
