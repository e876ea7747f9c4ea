package io.statectl.kernel.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statectl.kernel.store.EntryMode;
import io.statectl.kernel.store.PathInfo;
import io.statectl.kernel.store.StorePath;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A closure of many paths substitutes with several NARs downloading at once, and a download that
 * breaks half-way makes nothing of the closure valid and leaves no temp tree behind.
 */
class ParallelSubstitutionTest {
  static final int LEAVES = 48;
  @TempDir Path tmp;
  CacheFixture machine;
  SigningKey key;
  Path cacheDir;
  final List<String> skipped = Collections.synchronizedList(new ArrayList<>());
  final AtomicLong announced = new AtomicLong();
  final AtomicLong counted = new AtomicLong();
  final AtomicInteger fetchedPaths = new AtomicInteger();

  @BeforeEach
  void setUp() {
    machine = new CacheFixture(tmp.resolve("m"));
    key = SigningKey.generate("par-1");
    cacheDir = tmp.resolve("cache");
  }

  @AfterEach
  void tearDown() {
    machine.close();
  }

  /** {@value #LEAVES} leaves and a root that references every one of them. */
  StorePath closure() throws IOException {
    Path src = tmp.resolve("root-src");
    Files.createDirectories(src);
    StringBuilder refs = new StringBuilder();
    for (int i = 0; i < LEAVES; i++) {
      byte[] noise = new byte[12_000]; // incompressible, so each NAR takes many reads
      new java.util.Random(i).nextBytes(noise);
      StorePath leaf = machine.store.addBytes("leaf-" + i, noise, EntryMode.REGULAR);
      refs.append(machine.store.toFile(leaf)).append('\n');
    }
    Files.writeString(src.resolve("refs"), refs);
    return machine.store.addTree(src, "root");
  }

  /** A file:// cache whose NAR reads are slow (so downloads overlap) and count how many run at once. */
  static final class Watched implements BinaryCache {
    final BinaryCache inner;
    final AtomicInteger open = new AtomicInteger();
    final AtomicInteger most = new AtomicInteger();
    volatile String breakAfterHalf; // a NAR whose stream fails half-way

    Watched(BinaryCache inner) {
      this.inner = inner;
    }

    @Override
    public String url() {
      return inner.url();
    }

    @Override
    public Optional<InputStream> open(String file) {
      Optional<InputStream> in = inner.open(file);
      if (!file.startsWith("nar/") || in.isEmpty()) {
        return in;
      }
      int now = open.incrementAndGet();
      most.accumulateAndGet(now, Math::max);
      boolean broken = file.equals(breakAfterHalf);
      return Optional.of(new FilterInputStream(in.get()) {
        long read;
        boolean closed;

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          pause();
          int n = super.read(b, off, Math.min(len, 512));
          read += Math.max(0, n);
          if (broken && read > 256) {
            throw new IOException("connection reset (test)");
          }
          return n;
        }

        @Override
        public int read() throws IOException {
          pause();
          return super.read();
        }

        @Override
        public void close() throws IOException {
          if (!closed) {
            closed = true;
            open.decrementAndGet();
          }
          super.close();
        }
      });
    }

    private static void pause() {
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public boolean exists(String file) {
      return inner.exists(file);
    }

    @Override
    public void put(String file, Path source) {
      inner.put(file, source);
    }
  }

  Watched pushAndWipe(StorePath root) throws InterruptedException {
    BinaryCache cache = BinaryCache.open("file://" + cacheDir, Duration.ofSeconds(10), Optional.empty());
    assertEquals(LEAVES + 1, new CachePush(machine.store, cache, Optional.of(key), Compression.ZSTD, 4)
        .push(List.of(root), l -> { }).uploaded());
    machine.wipe();
    return new Watched(cache);
  }

  Substitution substitution(Watched cache, int connections) {
    Substituter s = new Substituter(cache, machine.storeDir(), List.of(key.publicKey()), Substituter.Signatures.REQUIRED);
    return new Substitution(machine.store, List.of(s), Duration.ofSeconds(10), Duration.ZERO, Clock.systemUTC(),
        new Substitution.Listener() {
          @Override
          public void substituted(PathInfo path, String from, Optional<String> signedBy, long bytes) { }

          @Override
          public void skipped(StorePath path, String from, String why) {
            skipped.add(why);
          }

          @Override
          public void downloading(String from, int paths, long bytes) {
            announced.addAndGet(bytes);
          }

          @Override
          public void downloaded(long bytes) {
            counted.addAndGet(bytes);
          }

          @Override
          public void downloadedPath(StorePath path) {
            fetchedPaths.incrementAndGet();
          }
        }, connections);
  }

  @Test
  void manyPaths_substituteInParallel_withTheSameNarHashes_andByteCounts() throws Exception {
    StorePath root = closure();
    List<PathInfo> before = machine.store.validPaths();
    Watched cache = pushAndWipe(root);

    assertTrue(substitution(cache, 4).substitute(Set.of(root)), skipped.toString());

    assertEquals(before.stream().map(PathInfo::narHash).toList(),
        machine.store.validPaths().stream().map(PathInfo::narHash).toList());
    assertTrue(cache.most.get() > 1, "downloads overlapped: at most " + cache.most.get() + " at once");
    assertTrue(cache.most.get() <= 4, "never more than http-connections at once: " + cache.most.get());
    assertEquals(LEAVES + 1, fetchedPaths.get());
    assertEquals(announced.get(), counted.get(), "the announced total (FileSize) is what was downloaded");
    assertEquals(List.of(), machine.strays());
  }

  @Test
  void oneBrokenDownload_leavesNoPathOfTheClosureValid_andNoTempTree() throws Exception {
    StorePath root = closure();
    Watched cache = pushAndWipe(root);
    NarInfo leaf;
    try (var files = Files.list(cacheDir)) {
      leaf = files.filter(f -> f.toString().endsWith(".narinfo")).map(f -> {
        try {
          return NarInfo.parse(Files.readString(f), machine.storeDir(), f.toString());
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).filter(n -> n.path().name().equals("leaf-7")).findFirst().orElseThrow();
    }
    cache.breakAfterHalf = leaf.url();

    assertFalse(substitution(cache, 4).substitute(Set.of(root)));

    assertTrue(skipped.stream().anyMatch(s -> s.contains("connection reset (test)")), skipped.toString());
    assertEquals(List.of(), machine.store.validPaths(), "no path of the closure became valid");
    assertEquals(List.of(), machine.strays(), "no temp tree of the other downloads is left");
    cache.breakAfterHalf = null;
    skipped.clear();
    assertTrue(substitution(cache, 4).substitute(Set.of(root)), "the next try gets it all: " + skipped);
    assertEquals(LEAVES + 1, machine.store.validPaths().size());
  }

  NarInfo narInfoOf(String name) throws IOException {
    try (var files = Files.list(cacheDir)) {
      return files.filter(f -> f.toString().endsWith(".narinfo")).map(f -> {
        try {
          return NarInfo.parse(Files.readString(f), machine.storeDir(), f.toString());
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).filter(n -> n.path().name().equals(name)).findFirst().orElseThrow();
    }
  }

  @Test
  void manyOutputsAtOnce_areFetchedTogether_andOneBrokenCostsOnlyItself() throws Exception {
    StorePath root = closure();
    List<StorePath> leaves = machine.store.validPaths().stream().map(PathInfo::path)
        .filter(p -> p.name().startsWith("leaf-")).toList();
    Watched cache = pushAndWipe(root);
    NarInfo broken = narInfoOf("leaf-3");
    cache.breakAfterHalf = broken.url();

    List<StorePath> brokenLast = new ArrayList<>(leaves.stream().filter(l -> !l.equals(broken.path())).toList());
    brokenLast.add(broken.path());

    assertFalse(substitution(cache, 3).substitute(brokenLast), "leaf-3 cannot be had");

    assertTrue(cache.most.get() > 1 && cache.most.get() <= 3, "independent outputs download together: " + cache.most.get());
    List<StorePath> valid = machine.store.validPaths().stream().map(PathInfo::path).toList();
    assertFalse(valid.contains(broken.path()));
    assertTrue(skipped.stream().anyMatch(s -> s.contains("trying them one by one")), skipped.toString());
    assertEquals(LEAVES - 1, valid.size(), "every other output was fetched one by one after the batch failed");
    assertEquals(List.of(), machine.strays());
  }
}
