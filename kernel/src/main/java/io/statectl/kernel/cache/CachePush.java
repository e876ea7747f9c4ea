package io.statectl.kernel.cache;

import io.statectl.kernel.store.DigestingOutputStream;
import io.statectl.kernel.store.Nar;
import io.statectl.kernel.store.NarDigest;
import io.statectl.kernel.store.PathInfo;
import io.statectl.kernel.store.PathNotValidException;
import io.statectl.kernel.store.Store;
import io.statectl.kernel.store.StorePath;
import io.statectl.kernel.store.TeeOutputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Uploads the closure of store paths to a binary cache in Nix's format: {@code nix-cache-info}
 * first (when missing), then per missing path its compressed NAR under {@code
 * nar/<FileHash>.nar.<ext>} and only after that its signed {@code <hash>.narinfo}, so a killed push
 * never leaves a narinfo without its NAR. Paths are uploaded {@code jobs} at a time.
 */
public final class CachePush {
  /** What a push did. */
  public record Result(int uploaded, int alreadyPresent, long fileBytes) {}

  private final Store store;
  private final BinaryCache cache;
  private final Optional<SigningKey> key;
  private final Compression compression;
  private final int jobs;

  public CachePush(Store store, BinaryCache cache, Optional<SigningKey> key, Compression compression, int jobs) {
    if (jobs < 1) {
      throw new IllegalArgumentException("jobs must be at least 1");
    }
    this.store = store;
    this.cache = cache;
    this.key = key;
    this.compression = compression;
    this.jobs = jobs;
  }

  /** Hears what a push does; called from the upload threads. */
  public interface Progress {
    /** {@code paths} paths the cache lacks, of {@code narBytes} NAR bytes in all, are about to be uploaded. */
    void planned(int paths, long narBytes);

    /** One path is published: {@code line} says so; {@code narBytes} of the total are done. */
    void pushed(String line, long narBytes);
  }

  /** As {@link #push(Collection, Progress)}, hearing one line per uploaded path. */
  public Result push(Collection<StorePath> roots, Consumer<String> lines) throws InterruptedException {
    return push(roots, new Progress() {
      @Override
      public void planned(int paths, long narBytes) { }

      @Override
      public void pushed(String line, long narBytes) {
        lines.accept(line);
      }
    });
  }

  /**
   * Pushes the closures of {@code roots}: asks which paths the cache lacks ({@code jobs} queries at
   * once), then uploads those, {@code jobs} at once.
   *
   * @throws PathNotValidException if a root is not valid
   * @throws InvalidNarInfoException if the cache is for another store directory (both are named)
   * @throws CacheIoException if an upload fails; narinfos published before stay valid
   */
  public Result push(Collection<StorePath> roots, Progress progress) throws InterruptedException {
    String storeDir = store.directory().toString();
    checkCacheInfo(storeDir);
    SortedSet<StorePath> closure = new TreeSet<>();
    roots.forEach(r -> closure.addAll(store.closure(r)));
    AtomicLong bytes = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(jobs);
    try {
      List<Future<Boolean>> asked = new ArrayList<>();
      for (StorePath path : closure) {
        asked.add(pool.submit(() -> cache.exists(NarInfo.fileName(path))));
      }
      List<PathInfo> missing = new ArrayList<>();
      int i = 0;
      for (StorePath path : closure) {
        if (!await(asked.get(i++))) {
          missing.add(store.pathInfo(path).orElseThrow(() -> new PathNotValidException(path)));
        }
      }
      progress.planned(missing.size(), missing.stream().mapToLong(PathInfo::narSize).sum());
      List<Future<?>> uploads = new ArrayList<>();
      for (PathInfo info : missing) {
        uploads.add(pool.submit(() -> {
          long size = upload(info.path(), storeDir);
          bytes.addAndGet(size);
          progress.pushed("pushed " + storeDir + "/" + info.path() + " (" + size + " bytes " + compression.keyword() + ")",
              info.narSize());
          return null;
        }));
      }
      for (Future<?> f : uploads) {
        await(f);
      }
      return new Result(missing.size(), closure.size() - missing.size(), bytes.get());
    } finally {
      pool.shutdownNow();
    }
  }

  private static <T> T await(Future<T> f) throws InterruptedException {
    try {
      return f.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private void checkCacheInfo(String storeDir) {
    Optional<InputStream> existing = cache.open(NixCacheInfo.FILE);
    if (existing.isPresent()) {
      NixCacheInfo info = NixCacheInfo.parse(read(existing.get()), cache.url() + "/" + NixCacheInfo.FILE);
      if (!info.storeDir().equals(storeDir)) {
        throw new InvalidNarInfoException(cache.url() + "/" + NixCacheInfo.FILE, "the cache is for the store directory "
            + info.storeDir() + ", this store is " + storeDir + "; push to another cache");
      }
      return;
    }
    putText(NixCacheInfo.FILE, new NixCacheInfo(storeDir, true, 40).render());
  }

  private long upload(StorePath path, String storeDir) throws IOException {
    PathInfo info = store.pathInfo(path).orElseThrow(() -> new PathNotValidException(path));
    Path temp = Files.createTempFile(cache.stagingDirectory(), ".tmp-push-", compression.suffix() + ".part");
    boolean handedOver = false;
    try {
      DigestingOutputStream file = new DigestingOutputStream();
      DigestingOutputStream nar = new DigestingOutputStream();
      try (OutputStream disk = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16);
          OutputStream compressed = compression.compress(new TeeOutputStream(disk, file))) {
        Nar.write(store.toFile(path), new TeeOutputStream(compressed, nar));
      }
      NarDigest narDigest = nar.result();
      if (!narDigest.equals(info.nar())) {
        throw new CacheIoException(storeDir + "/" + path, "push", "its files do not match the recorded NarHash "
            + info.narHash() + " (they hash to " + narDigest.narHash() + "); the store is damaged, nothing was pushed", null);
      }
      NarDigest fileDigest = file.result();
      String url = "nar/" + fileDigest.narHash().toBase32() + compression.suffix();
      handedOver = true; // publish consumes the staged file, published or not
      cache.publish(url, temp);
      NarInfo narInfo = new NarInfo(storeDir, path, url, compression, Optional.of(fileDigest.narHash()),
          OptionalLong.of(fileDigest.narSize()), info.narHash(), info.narSize(), info.references(), info.deriver(),
          List.of(), info.ca());
      for (String existing : info.signatures()) {
        narInfo = narInfo.withSignature(Signature.parse(existing));
      }
      if (key.isPresent() && narInfo.signatures().stream().noneMatch(s -> s.keyName().equals(key.get().name()))) {
        narInfo = narInfo.withSignature(key.get().signFingerprint(narInfo.fingerprint()));
      }
      putText(NarInfo.fileName(path), narInfo.render());
      return fileDigest.narSize();
    } finally {
      if (!handedOver) {
        Files.deleteIfExists(temp);
      }
    }
  }

  private void putText(String file, String text) {
    try {
      Path temp = Files.createTempFile(cache.stagingDirectory(), ".tmp-push-", ".part");
      try {
        Files.writeString(temp, text, StandardCharsets.UTF_8);
      } catch (IOException e) {
        Files.deleteIfExists(temp);
        throw e;
      }
      cache.publish(file, temp);
    } catch (IOException e) {
      throw new CacheIoException(cache.url() + "/" + file, "write", e.toString(), e);
    }
  }

  static String read(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CacheIoException("(stream)", "read", e.toString(), e);
    }
  }
}
