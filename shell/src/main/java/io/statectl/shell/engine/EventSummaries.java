package io.statectl.shell.engine;

import io.statectl.events.BuildFailed;
import io.statectl.events.BuildStarted;
import io.statectl.events.BuildSucceeded;
import io.statectl.events.ConfigurationEvaluated;
import io.statectl.events.ConfigurationSubmitted;
import io.statectl.events.FileBackedUp;
import io.statectl.events.GenerationActivated;
import io.statectl.events.GenerationCreated;
import io.statectl.events.StatectlEvent;

/** One readable line per event, for {@code statectl history}. */
final class EventSummaries {
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
    } else if (e instanceof BuildStarted s) {
      return "building " + s.derivation();
    } else if (e instanceof BuildSucceeded s) {
      return "built " + String.join(", ", s.outputs()) + " in " + s.millis() + " ms";
    } else if (e instanceof BuildFailed f) {
      return "build of " + f.derivation() + " failed: " + f.reason();
    }
    FileBackedUp b = (FileBackedUp) e;
    return b.livePath() + " saved as " + b.storePath();
  }
}
