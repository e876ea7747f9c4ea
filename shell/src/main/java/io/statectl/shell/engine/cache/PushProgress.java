package io.statectl.shell.engine.cache;

import io.statectl.kernel.cache.CachePush;
import io.statectl.shell.engine.Output;

/**
 * What {@code cache push} shows: on a terminal a live {@code ↑ paths, bytes} line under the
 * lines of pushed paths; elsewhere the lines only; with {@code --quiet} neither (the result line
 * still says what was pushed). Thread-safe.
 */
final class PushProgress implements CachePush.Progress {
  private final Output out;
  private final boolean quiet;
  private final TransferLine line = new TransferLine("↑");

  PushProgress(Output out, boolean quiet) {
    this.out = out;
    this.quiet = quiet;
  }

  private boolean live() {
    return !quiet && out.interactive();
  }

  @Override
  public void planned(int paths, long narBytes) {
    line.planned(paths, narBytes);
    if (live()) {
      line.draw(out, true);
    } else if (!quiet) {
      out.message("pushing " + paths + " path(s) (" + TransferLine.size(narBytes) + " of NARs)");
    }
  }

  @Override
  public void pushed(String text, long narBytes) {
    line.bytes(narBytes);
    line.pathDone();
    if (live()) {
      line.above(out, text);
    } else if (!quiet) {
      out.message(text);
    }
  }

  /** Erases the live line: the result line follows. */
  void end() {
    line.ended();
    if (live()) {
      line.erase(out);
    }
  }
}
