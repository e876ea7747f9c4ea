package io.statectl.kernel.config;

import io.statectl.api.config.ConfigList;
import io.statectl.api.config.ConfigString;
import io.statectl.api.config.ConfigValue;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Parses a file and, ahead of need, every file it imports, on all cores: parsing dominates the
 * evaluation of large configurations and files are independent. The depth-first walk that
 * decides merge order and reports problems stays sequential and deterministic; it only waits
 * for results here.
 */
final class ParallelParser implements AutoCloseable {
  /** One file's outcome: its parse result, or empty when it is missing or of an unknown type. */
  record Parsed(Optional<ConfigReader.Result> result, boolean missing) {}

  private final ConfigFileSystem files;
  private final ExecutorService pool;
  private final Map<String, CompletableFuture<Parsed>> started = new ConcurrentHashMap<>();

  ParallelParser(ConfigFileSystem files) {
    this.files = files;
    this.pool = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()), r -> {
      Thread t = new Thread(r, "statectl-parse");
      t.setDaemon(true);
      return t;
    });
  }

  /** The outcome for {@code path}, parsing it now unless it was started ahead. */
  Parsed parse(String path) {
    return start(path).join();
  }

  private CompletableFuture<Parsed> start(String path) {
    return started.computeIfAbsent(path, p -> CompletableFuture.supplyAsync(() -> read(p), pool));
  }

  private Parsed read(String path) {
    Optional<byte[]> bytes = files.read(path);
    if (bytes.isEmpty()) {
      return new Parsed(Optional.empty(), true);
    }
    Optional<ConfigFormat> format = ConfigFormat.of(path);
    if (format.isEmpty()) {
      return new Parsed(Optional.empty(), false);
    }
    ConfigReader.Result r = format.get().reader().read(path, bytes.get());
    if (r instanceof ConfigReader.Result.Parsed p) {
      prefetchImports(path, p.document().root().get(ConfigLoader.IMPORTS));
    }
    return new Parsed(Optional.of(r), false);
  }

  /** Starts the imports a file names; malformed ones are left for the walk to report. */
  private void prefetchImports(String from, Optional<ConfigValue> imports) {
    if (imports.isPresent() && imports.get() instanceof ConfigList list) {
      for (ConfigValue item : list.items()) {
        if (item instanceof ConfigString s) {
          RepositoryPaths.resolve(from, s.value()).ifPresent(this::start);
        }
      }
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
