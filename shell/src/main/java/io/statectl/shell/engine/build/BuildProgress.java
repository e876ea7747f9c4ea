package io.statectl.shell.engine.build;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.statectl.events.BuildFailed;
import io.statectl.events.BuildStarted;
import io.statectl.events.BuildSucceeded;
import io.statectl.events.StatectlEvent;
import io.statectl.events.log.EventLog;
import io.statectl.events.log.NewEvent;
import io.statectl.kernel.derivation.Derivation;
import io.statectl.kernel.realise.BuildListener;
import io.statectl.kernel.store.Store;
import io.statectl.kernel.store.StorePath;
import io.statectl.shell.engine.Output;
import io.statectl.shell.engine.Request;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Shows builds as they happen and records them in the event log ({@code BuildStarted} with its
 * outcome, when the build ends). Three renderings: on a
 * terminal a live block of running builds (name and elapsed time) under the lines of finished
 * ones, with counts; elsewhere plain lines; with {@code --json} one JSON object per line for tools.
 */
public final class BuildProgress implements BuildListener, io.statectl.kernel.cache.Substitution.Listener {
  private static final String AGGREGATE_TYPE = "Build";
  private final Output out;
  private final Request.Format format;
  private final EventLog log;
  private final Store store;
  private final ObjectMapper json = new ObjectMapper();
  private final Map<StorePath, Long> running = new LinkedHashMap<>();
  private final List<List<StatectlEvent>> unrecorded = new ArrayList<>();
  private final List<List<StatectlEvent>> substitutions = new ArrayList<>();
  private final long begin = System.nanoTime();
  private int total;
  private int done;
  private int failed;
  private int drawn;
  private int substituted;
  /** Substitution's downloads: paths and bytes, shown in the live block on a terminal (not with --quiet). */
  private final io.statectl.shell.engine.cache.TransferLine downloads = new io.statectl.shell.engine.cache.TransferLine("↓");
  private final boolean quiet;
  private volatile long lastByteDraw;
  /** The builds of this command run without the sandbox: each BuildSucceeded says so. */
  private volatile boolean unsandboxed;

  BuildProgress(Output out, Request.Format format, EventLog log, Store store) {
    this(out, format, log, store, false);
  }

  /** {@code quiet}: no live download progress and no line per substituted path (the count is still said). */
  BuildProgress(Output out, Request.Format format, EventLog log, Store store, boolean quiet) {
    this.quiet = quiet;
    this.out = out;
    this.format = format;
    this.log = log;
    this.store = store;
  }

  /** Records every build of this command as made without the sandbox (see {@link BuildSucceeded#unsandboxed()}). */
  void unsandboxed(boolean value) {
    unsandboxed = value;
  }

  @Override
  public synchronized void planned(int toBuild, int alreadyValid) {
    total = toBuild;
    if (format == Request.Format.JSON) {
      ObjectNode n = json.createObjectNode().put("event", "planned").put("toBuild", toBuild)
          .put("alreadyValid", alreadyValid);
      out.result(n.toString());
    } else if (toBuild > 0) {
      out.message("building " + toBuild + " derivation(s)" + (alreadyValid > 0 ? ", " + alreadyValid + " already built" : "")
          + (substituted > 0 ? ", " + substituted + " path(s) substituted" : ""));
    } else if (substituted > 0) {
      out.message("nothing to build: " + substituted + " path(s) substituted from binary caches");
    }
  }

  @Override
  public void substituted(io.statectl.kernel.store.PathInfo path, String from, java.util.Optional<String> signedBy,
      long downloadedBytes) {
    synchronized (substitutions) {
      substitutions.add(List.of(new io.statectl.events.PathSubstituted("substitute:" + path.path(), file(path.path()),
          from, signedBy.orElse(""), path.narHash().toString(), path.narSize(), downloadedBytes)));
    }
    synchronized (this) {
      substituted++;
      if (quiet && format != Request.Format.JSON) {
        return;
      }
      if (out.interactive() && format != Request.Format.JSON) {
        redraw("substituted " + path.path() + " from " + from + " ("
            + io.statectl.shell.engine.cache.TransferLine.size(downloadedBytes)
            + signedBy.map(k -> ", signed by " + k).orElse(", unsigned") + ")");
      } else if (format == Request.Format.JSON) {
        out.result(json.createObjectNode().put("event", "substituted").put("path", file(path.path())).put("from", from)
            .put("signedBy", signedBy.orElse("")).put("bytes", downloadedBytes).toString());
      } else {
        out.message("substituted " + path.path() + " from " + from + " (" + downloadedBytes + " bytes"
            + signedBy.map(k -> ", signed by " + k).orElse(", unsigned") + ")");
      }
    }
  }

  @Override
  public void downloading(String from, int paths, long bytes) {
    downloads.planned(paths, bytes);
    synchronized (this) {
      if (format == Request.Format.JSON) {
        out.result(json.createObjectNode().put("event", "downloading").put("from", from).put("paths", paths)
            .put("bytes", bytes).toString());
      } else if (quiet) {
        return;
      } else if (out.interactive()) {
        redraw(null);
      } else {
        out.message("downloading " + paths + " path(s) (" + io.statectl.shell.engine.cache.TransferLine.size(bytes)
            + ") from " + from);
      }
    }
  }

  @Override
  public void downloaded(long bytes) {
    downloads.bytes(bytes);
    long now = System.nanoTime();
    if (!quiet && format != Request.Format.JSON && out.interactive() && now - lastByteDraw > 100_000_000L) {
      lastByteDraw = now;
      synchronized (this) {
        redraw(null);
      }
    }
  }

  /** One durable append for a closure's {@code PathSubstituted}s (a commit per path cost more than the download). */
  @Override
  public void substitutedAll() {
    List<List<StatectlEvent>> batch;
    synchronized (substitutions) {
      batch = new ArrayList<>(substitutions);
      substitutions.clear();
    }
    record(batch);
  }

  @Override
  public void downloadedPath(StorePath path) {
    downloads.pathDone();
  }

  @Override
  public void downloadsEnded() {
    downloads.ended();
    if (!quiet && format != Request.Format.JSON && out.interactive()) {
      synchronized (this) {
        redraw(null);
      }
    }
  }

  @Override
  public synchronized void skipped(StorePath path, String from, String why) {
    out.message("substituter " + from + " did not provide " + path + ": " + why.replace("\n", " ")
        + " (trying the next, else building it)");
  }

  @Override
  public void started(StorePath drv, Derivation d) {
    show(drv, d);
  }

  private synchronized void show(StorePath drv, Derivation d) {
    running.put(drv, System.nanoTime());
    if (format == Request.Format.JSON) {
      out.result(event("started", drv, d).toString());
    } else if (out.interactive()) {
      redraw(null);
    } else {
      out.message("building " + d.name() + " (" + file(drv) + ")");
    }
  }

  @Override
  public void succeeded(StorePath drv, Derivation d, Duration took, Path logFile) {
    synchronized (unrecorded) {
      unrecorded.add(List.of(new BuildStarted(aggregate(drv), file(drv), List.of(file(d.out()))),
          new BuildSucceeded(aggregate(drv), file(drv), List.of(file(d.out())), took.toMillis(), logFile.toString(),
              unsandboxed)));
    }
    showSucceeded(drv, d, took);
  }

  /** Appends the builds that succeeded since the last call, in one durable batch. */
  @Override
  public void committed() {
    List<List<StatectlEvent>> builds;
    synchronized (unrecorded) {
      builds = new ArrayList<>(unrecorded);
      unrecorded.clear();
    }
    record(builds);
  }

  private synchronized void showSucceeded(StorePath drv, Derivation d, Duration took) {
    running.remove(drv);
    done++;
    if (format == Request.Format.JSON) {
      out.result(event("succeeded", drv, d).put("millis", took.toMillis()).toString());
    } else {
      finished("built " + d.name() + " in " + seconds(took));
    }
  }

  @Override
  public void failed(StorePath drv, Derivation d, String reason, Duration took, Path logFile) {
    record(List.of(List.of(new BuildStarted(aggregate(drv), file(drv), List.of(file(d.out()))),
        new BuildFailed(aggregate(drv), file(drv), reason, took.toMillis(), logFile.toString()))));
    showFailed(drv, d, reason, took);
  }

  private synchronized void showFailed(StorePath drv, Derivation d, String reason, Duration took) {
    running.remove(drv);
    failed++;
    if (format == Request.Format.JSON) {
      out.result(event("failed", drv, d).put("reason", reason).put("millis", took.toMillis()).toString());
    } else {
      finished("FAILED " + d.name() + ": " + reason + "\n  log: statectl log " + file(drv));
    }
  }

  @Override
  public synchronized void skipped(StorePath drv, Derivation d, String why) {
    if (format == Request.Format.JSON) {
      out.result(event("skipped", drv, d).put("reason", why).toString());
    } else {
      finished("skipped " + d.name() + ": " + why);
    }
  }

  private void finished(String line) {
    if (out.interactive()) {
      redraw(line);
    } else {
      out.message(line);
    }
  }

  /** Erases the live block, prints {@code line} above it if any, and draws the block again. */
  private void redraw(String line) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < drawn; i++) {
      b.append("\033[1A\033[2K");
    }
    if (line != null) {
      b.append(line).append('\n');
    }
    long now = System.nanoTime();
    boolean transferring = !quiet && downloads.active();
    if (total == 0 && running.isEmpty() && transferring) {
      b.append(downloads.text());
    } else {
      b.append(String.format(Locale.ROOT, "[%d/%d built, %d running, %d failed, %s]", done, total, running.size(),
          failed, seconds(Duration.ofNanos(now - begin))));
      if (transferring) {
        b.append("  ").append(downloads.text());
      }
    }
    int lines = 1;
    for (Map.Entry<StorePath, Long> r : running.entrySet()) {
      b.append('\n').append("  ├─ ").append(r.getKey().name().replaceFirst("\\.drv$", "")).append("  ")
          .append(seconds(Duration.ofNanos(now - r.getValue())));
      lines++;
    }
    drawn = lines;
    out.message(b.toString());
  }

  private ObjectNode event(String kind, StorePath drv, Derivation d) {
    return json.createObjectNode().put("event", kind).put("name", d.name()).put("drv", file(drv))
        .put("out", file(d.out()));
  }

  /**
   * Appends each build's start and outcome, all builds in one durable batch (one commit for a
   * group of builds instead of two per build: commits are the realiser's largest fixed cost).
   * Called while the builds' path locks are held, so each aggregate's next sequence is ours alone.
   */
  private void record(List<List<StatectlEvent>> builds) {
    if (builds.isEmpty()) {
      return;
    }
    Instant now = Instant.now();
    List<NewEvent> batch = new ArrayList<>();
    for (List<StatectlEvent> events : builds) {
      long next = log.lastAggregateSequence(events.get(0).profile()).stream().map(s -> s + 1).findFirst().orElse(0L);
      for (StatectlEvent e : events) {
        batch.add(NewEvent.of(e, AGGREGATE_TYPE, next++, now));
      }
    }
    log.append(batch);
  }

  private String file(StorePath p) {
    return store.toFile(p).toString();
  }

  private static String aggregate(StorePath drv) {
    return "build:" + drv;
  }

  static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }
}
