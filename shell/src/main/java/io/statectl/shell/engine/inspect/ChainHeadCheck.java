package io.statectl.shell.engine.inspect;

import io.statectl.events.log.ChainHead;
import io.statectl.events.log.EventLog;
import io.statectl.kernel.ErrorCode;
import io.statectl.shell.engine.Caller;
import io.statectl.shell.engine.Output;
import io.statectl.shell.engine.PhaseTimer;
import io.statectl.shell.engine.Request;
import io.statectl.shell.engine.UsageException;
import io.statectl.shell.engine.session.StateSession;
import io.statectl.shell.engine.session.WaitTimeout;
import io.statectl.shell.engine.session.WriterLock;
import java.util.Optional;

/**
 * The log against its anchored head ({@link ChainHead}): the chain alone cannot show that the
 * newest records were deleted or that an older copy of the log was put back; the head can.
 */
public final class ChainHeadCheck {
  private ChainHeadCheck() {}

  /**
   * What {@code history --verify} adds after the chain checked out: nothing when the head agrees,
   * a note when the log has no head yet, else a coded error that locates the disagreement.
   *
   * @param head read before the log was (the log only grows, so a commit in between can make the
   *     head trail the log, never lead it)
   */
  static Optional<String> compare(EventLog log, Optional<ChainHead> head) {
    String file = ChainHead.file(log.directory()).toString();
    if (head.isEmpty()) {
      return Optional.of("note: no anchored head (" + file + ") yet: the next commit writes one, "
          + "or `statectl history --reanchor` now");
    }
    ChainHead h = head.get();
    long last = log.lastSequence();
    if (h.sequence() > last) {
      throw new ChainHeadException(ErrorCode.LOG_TRUNCATED, "event log " + log.directory() + " ends at sequence " + last
          + " but its anchored head " + file + " names sequence " + h.sequence() + ": " + (h.sequence() - last)
          + " record(s) were deleted, or an older copy of the log was put back\n"
          + "  hint: restore " + log.directory() + " from a backup that reaches sequence " + h.sequence()
          + "; to accept the log as it is, run `statectl history --reanchor`");
    }
    Optional<String> hash = log.hashOf(h.sequence());
    if (hash.isPresent() && !hash.get().equals(h.hash())) {
      throw new ChainHeadException(ErrorCode.LOG_HEAD_MISMATCH, "event log " + log.directory() + ": record "
          + h.sequence() + " hashes to " + hash.get() + " but the anchored head " + file + " recorded " + h.hash()
          + ": the log was rewritten from there on or replaced by another\n"
          + "  hint: restore " + log.directory() + " from a backup whose record " + h.sequence()
          + " matches the head; to accept the log as it is, run `statectl history --reanchor`");
    }
    return Optional.empty();
  }

  /** {@code history --reanchor}: the user accepts the log as it is; the head is rewritten from it. */
  public static int reanchor(Request.Reanchor r, Output out, PhaseTimer timer, Caller caller, WaitTimeout wait) {
    if (!r.state().exists()) {
      throw new UsageException("no event log at " + r.state().events(), "run `statectl apply` first, or pass --state-dir");
    }
    try (WriterLock lock = WriterLock.acquire(r.state().writerLock(), out, caller, wait, "re-anchoring the log");
        StateSession s = new StateSession(r.state(), timer, StateSession.Access.WRITE)) {
      EventLog log = s.log();
      Optional<ChainHead> before = log.head();
      // Checked chain first: anchoring a head on a broken record would bless the damage.
      if (log.verify(1) instanceof io.statectl.events.log.VerifyResult.Broken b) {
        throw new LogCorruptException(b, r.state().events().toString());
      }
      Optional<ChainHead> now = log.reanchor();
      out.result("anchored head " + ChainHead.file(log.directory()) + ": "
          + before.map(h -> "was sequence " + h.sequence() + " " + h.hash()).orElse("was absent") + ", now "
          + now.map(h -> "sequence " + h.sequence() + " " + h.hash()).orElse("empty (the log has no records)"));
      return 0;
    }
  }
}
