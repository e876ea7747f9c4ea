package io.statectl.shell.engine.inspect;

import io.statectl.events.BuildSucceeded;
import io.statectl.events.PathSubstituted;
import io.statectl.events.log.EventLog;
import io.statectl.events.log.LogRecord;
import io.statectl.kernel.store.PathInfo;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where a valid store path came from, as the event log tells: substituted from a binary cache
 * ({@code PathSubstituted}, with the cache and the key), built here ({@code BuildSucceeded} of its
 * deriver), or added (a source, a file, a generation, a derivation: nothing records those apart).
 * Both events sit under per-path aggregates ({@code substitute:<path>}, {@code build:<drv>}), so
 * this reads two short aggregate ranges, never the whole log.
 *
 * @param kind {@code substituted}, {@code built} or {@code added}
 * @param at when the event was recorded; empty for {@code added}
 * @param from the substituter's URL ({@code substituted}) or the derivation ({@code built})
 * @param signedBy the trusted key's name for {@code substituted}; empty when it was unsigned
 * @param detail a sentence for the text output
 * @param unsandboxed it was built here without the sandbox ({@code BuildSucceeded.unsandboxed})
 */
public record PathOrigin(String kind, Optional<Instant> at, Optional<String> from, Optional<String> signedBy,
    String detail, boolean unsandboxed) {
  public PathOrigin(String kind, Optional<Instant> at, Optional<String> from, Optional<String> signedBy,
      String detail) {
    this(kind, at, from, signedBy, detail, false);
  }

  /** The origin of {@code info} ({@code file}: its absolute path, as events name it). */
  public static PathOrigin of(EventLog log, PathInfo info, String file) {
    Optional<LogRecord> substituted = last(log.readAggregate("substitute:" + info.path(), 0));
    if (substituted.isPresent() && substituted.get().event() instanceof PathSubstituted p && p.path().equals(file)) {
      Optional<String> key = p.signedBy().isEmpty() ? Optional.empty() : Optional.of(p.signedBy());
      return new PathOrigin("substituted", Optional.of(substituted.get().timestamp()), Optional.of(p.from()), key,
          "substituted from " + p.from() + key.map(k -> ", signed by " + k).orElse(", unsigned (store.requireSigs off)")
              + ", NarHash checked, " + p.downloadedBytes() + " bytes downloaded");
    }
    if (info.deriver().isPresent()) {
      Optional<LogRecord> built = last(log.readAggregate("build:" + info.deriver().get(), 0).stream()
          .filter(r -> r.event() instanceof BuildSucceeded b && b.outputs().contains(file)).toList());
      if (built.isPresent()) {
        BuildSucceeded b = (BuildSucceeded) built.get().event();
        return new PathOrigin("built", Optional.of(built.get().timestamp()), Optional.of(b.derivation()),
            Optional.empty(), "built locally " + (b.unsandboxed() ? "WITHOUT the sandbox " : "") + "from "
                + b.derivation() + " in " + b.millis() + " ms (log: " + b.log() + ")", b.unsandboxed());
      }
      return new PathOrigin("built", Optional.empty(), Optional.of(info.deriver().get().toString()), Optional.empty(),
          "built from " + info.deriver().get() + " (no build event: built before builds were recorded, or by "
              + "`store verify --repair`)");
    }
    return new PathOrigin("added", Optional.empty(), Optional.empty(), Optional.empty(),
        "added to the store (a source, file, derivation or generation: neither built nor substituted)");
  }

  private static Optional<LogRecord> last(List<LogRecord> records) {
    return records.isEmpty() ? Optional.empty() : Optional.of(records.get(records.size() - 1));
  }
}
