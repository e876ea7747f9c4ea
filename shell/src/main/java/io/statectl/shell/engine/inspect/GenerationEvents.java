package io.statectl.shell.engine.inspect;

import io.statectl.events.ConfigurationSubmitted;
import io.statectl.events.DriftDetected;
import io.statectl.events.DriftRepaired;
import io.statectl.events.FileBackedUp;
import io.statectl.events.GenerationActivated;
import io.statectl.events.GenerationCreated;
import io.statectl.events.GenerationRestored;
import io.statectl.events.GenerationsDeleted;
import io.statectl.events.StatectlEvent;
import io.statectl.events.log.EventLog;
import io.statectl.events.log.LogRecord;
import io.statectl.projections.generations.GenerationRecord;
import java.util.ArrayList;
import java.util.List;

/** The events {@code show-generation} lists for one generation. */
final class GenerationEvents {
  private GenerationEvents() {}

  /** The events that made, activated, deleted or restored this generation, and the submission before it. */
  static List<LogRecord> of(EventLog log, GenerationRecord g) {
    List<LogRecord> out = new ArrayList<>();
    LogRecord[] lastSubmit = {null};
    LogRecord[] lastEval = {null};
    log.forEach(1, Long.MAX_VALUE, r -> {
      if (!r.aggregateId().equals(g.profile())) {
        return;
      }
      StatectlEvent e = r.event();
      if (e instanceof ConfigurationSubmitted) {
        lastSubmit[0] = r;
        lastEval[0] = null;
      } else if (r.type().equals("ConfigurationEvaluated")) {
        lastEval[0] = r;
      } else if (e instanceof GenerationCreated c && c.number() == g.number()) {
        if (lastSubmit[0] != null) {
          out.add(lastSubmit[0]);
        }
        if (lastEval[0] != null) {
          out.add(lastEval[0]);
        }
        out.add(r);
      } else if (e instanceof GenerationActivated a && (a.number() == g.number() || a.previous() == g.number())
          || e instanceof GenerationsDeleted d && d.numbers().contains(g.number())
          || e instanceof GenerationRestored x && x.number() == g.number()
          || e instanceof DriftDetected dd && dd.generation() == g.number()
          || e instanceof DriftRepaired dr && dr.generation() == g.number()) {
        out.add(r);
      } else if (e instanceof FileBackedUp && !out.isEmpty() && out.get(out.size() - 1).sequence() == r.sequence() - 1) {
        out.add(r);
      }
    });
    return out;
  }
}
