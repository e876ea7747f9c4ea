package io.statectl.shell.engine.cache;

import io.statectl.shell.engine.Output;
import java.util.Locale;

/**
 * Paths and bytes of the downloads (or uploads) of one command, done and in total, as one line:
 * {@code ↓ 12/40 paths, 3.1/9.8 MiB, 2.0 MiB/s}. Counted from many threads. {@link #draw} keeps
 * it as a live line at the bottom of a terminal (redrawn at most ten times a second); a caller
 * that has its own live block (the build progress) shows {@link #text} in it instead.
 * Thread-safe.
 */
public final class TransferLine {
  private static final long REDRAW_NANOS = 100_000_000L;
  private final String arrow;
  private final long begin = System.nanoTime();
  private int paths;
  private int pathsDone;
  private long bytes;
  private long bytesDone;
  private int active;
  private boolean drawn;
  private long lastDraw;

  /** {@code arrow}: ↓ for downloads, ↑ for uploads. */
  public TransferLine(String arrow) {
    this.arrow = arrow;
  }

  /** More work: {@code paths} paths of about {@code bytes} bytes. */
  public synchronized void planned(int paths, long bytes) {
    this.paths += paths;
    this.bytes += bytes;
    active++;
  }

  public synchronized void bytes(long n) {
    bytesDone += n;
  }

  public synchronized void pathDone() {
    pathsDone++;
  }

  /** The work announced by one {@link #planned} ended. */
  public synchronized void ended() {
    active = Math.max(0, active - 1);
  }

  /** Whether a transfer is running (then {@link #text} is worth showing). */
  public synchronized boolean active() {
    return active > 0;
  }

  public synchronized long bytesDone() {
    return bytesDone;
  }

  public synchronized int pathsDone() {
    return pathsDone;
  }

  /** The line, without any terminal control. */
  public synchronized String text() {
    double secs = Math.max(1e-3, (System.nanoTime() - begin) / 1e9);
    return String.format(Locale.ROOT, "%s %d/%d paths, %s/%s, %s/s", arrow, pathsDone, paths, size(bytesDone),
        size(Math.max(bytes, bytesDone)), size((long) (bytesDone / secs)));
  }

  /** On a terminal, redraws the live line (if the last draw is 100 ms old, or {@code force}). */
  public void draw(Output out, boolean force) {
    String line;
    synchronized (this) {
      long now = System.nanoTime();
      if (!force && drawn && now - lastDraw < REDRAW_NANOS) {
        return;
      }
      lastDraw = now;
      line = (drawn ? "\033[1A\033[2K" : "") + text();
      drawn = true;
    }
    out.message(line);
  }

  /** Prints {@code line} above the live line (when one is drawn), which is drawn again. */
  public void above(Output out, String line) {
    synchronized (this) {
      if (!drawn) {
        out.message(line);
        return;
      }
      out.message("\033[1A\033[2K" + line);
      drawn = false;
    }
    draw(out, true);
  }

  /** Erases the live line, if one is drawn. */
  public synchronized void erase(Output out) {
    if (drawn) {
      out.message("\033[1A\033[2K\033[1A");
      drawn = false;
    }
  }

  /** {@code 512 B}, {@code 3.1 KiB}, {@code 9.8 MiB}, {@code 1.2 GiB}. */
  public static String size(long n) {
    if (n < 1024) {
      return n + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = n;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }
}
