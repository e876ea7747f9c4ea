package io.statectl.projections.bench;

import io.statectl.events.ActivationReason;
import io.statectl.events.ConfigurationEvaluated;
import io.statectl.events.ConfigurationSubmitted;
import io.statectl.events.GenerationActivated;
import io.statectl.events.GenerationCreated;
import io.statectl.events.StatectlEvent;
import io.statectl.events.log.EventLog;
import io.statectl.events.log.NewEvent;
import io.statectl.events.log.VerifyResult;
import io.statectl.projections.ProjectionStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Scripted benchmark (bench/history-1m.sh): append throughput (single durable appends and batches),
 * a full replay of N synthetic events into a fresh generations projection, and a full
 * {@code history --verify}. Not a unit test; prints one line per measurement.
 */
public final class HistoryBench {
  private HistoryBench() {}

  public static void main(String[] args) throws Exception {
    int total = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int singles = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
    Path dir = Files.createTempDirectory("statectl-bench");
    try (EventLog log = EventLog.open(dir.resolve("events"))) {
      long aggSeq = 0;
      long t0 = System.nanoTime();
      for (int i = 0; i < singles; i++) {
        log.append(List.of(NewEvent.of(event(i), "ProfileAggregate", aggSeq++, Instant.now())));
      }
      double single = seconds(t0);
      System.out.printf("single durable appends: %d in %.2f s = %.0f events/s (one LMDB commit + fsync each)%n",
          singles, single, singles / single);

      int threads = 32;
      int perThread = Math.max(1, singles * 4 / threads);
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
      List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
      t0 = System.nanoTime();
      for (int t = 0; t < threads; t++) {
        String aggregate = "bench-" + t;
        futures.add(pool.submit(() -> {
          for (int i = 0; i < perThread; i++) {
            log.append(List.of(NewEvent.of(new ConfigurationSubmitted(aggregate, "laptop", "/s/c", "/c"),
                "ProfileAggregate", i, Instant.now())));
          }
          return null;
        }));
      }
      for (var f : futures) {
        f.get();
      }
      pool.shutdown();
      double grouped = seconds(t0);
      System.out.printf("single durable appends from %d threads (group commit): %d in %.2f s = %.0f events/s%n",
          threads, threads * perThread, grouped, threads * perThread / grouped);

      int batch = 10_000;
      t0 = System.nanoTime();
      int written = singles + threads * perThread;
      while (written < total) {
        List<NewEvent> events = new ArrayList<>(batch);
        for (int i = 0; i < batch && written < total; i++, written++) {
          events.add(NewEvent.of(event(written), "ProfileAggregate", aggSeq++, Instant.now()));
        }
        log.append(events);
      }
      double batched = seconds(t0);
      System.out.printf("batched appends (10,000 per commit): %d in %.2f s = %.0f events/s%n",
          total - singles, batched, (total - singles) / batched);
      System.out.printf("log size: %d MiB for %d events%n",
          Files.size(dir.resolve("events/data.mdb")) >> 20, log.lastSequence());

      if (System.getenv("BENCH_PARTS") != null) {
        for (int run = 1; run <= 2; run++) {
          long[] n = {0};
          t0 = System.nanoTime();
          log.forEach(1, Long.MAX_VALUE, r -> n[0]++);
          System.out.printf("  part: read+check %d records %.2f s%n", n[0], seconds(t0));
          t0 = System.nanoTime();
          log.forEach(1, Long.MAX_VALUE, r -> n[0] += r.event().profile().length());
          System.out.printf("  part: read+check+decode %.2f s%n", seconds(t0));
        }
      }
      for (int run = 1; run <= 3; run++) {
        Path p = dir.resolve("projections-" + run);
        try (ProjectionStore projections = ProjectionStore.open(p)) {
          t0 = System.nanoTime();
          long applied = projections.catchUp(log);
          double replay = seconds(t0);
          System.out.printf("replay run %d: %d events into a fresh generations projection in %.2f s = %.0f events/s"
              + " (%d generations)%n", run, applied, replay, applied / replay,
              projections.generations("system").size());
        }
      }
      for (int run = 1; run <= 3; run++) {
        t0 = System.nanoTime();
        VerifyResult v = log.verify(1);
        double verify = seconds(t0);
        System.out.printf("verify run %d: %s in %.2f s%n", run, v, verify);
      }
      t0 = System.nanoTime();
      VerifyResult tail = log.verify(log.lastSequence() - 63);
      System.out.printf("tail verify (last 64, done on every start): %s in %.3f ms%n", tail,
          (System.nanoTime() - t0) / 1e6);
    } finally {
      try (var s = Files.walk(dir)) {
        s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** A realistic cycle of four events per generation. */
  static StatectlEvent event(int i) {
    int generation = i / 4 + 1;
    String store = "/var/lib/statectl/store/";
    String snapshot = store + String.format("%032d", generation) + "-config-laptop";
    String path = store + String.format("%032d", generation) + "-statectl-system-laptop";
    switch (i % 4) {
      case 0:
        return new ConfigurationSubmitted("system", "laptop", snapshot, "/home/u/config");
      case 1:
        return new ConfigurationEvaluated("system", "laptop", snapshot, path, 12, List.of("dotfiles@0.1.0"));
      case 2:
        return new GenerationCreated("system", generation, "laptop", path, snapshot);
      default:
        return new GenerationActivated("system", generation, generation - 1, path, ActivationReason.APPLY, "/home/u");
    }
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }
}
