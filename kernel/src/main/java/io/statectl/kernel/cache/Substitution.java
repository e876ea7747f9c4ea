package io.statectl.kernel.cache;

import io.statectl.kernel.KernelException;
import io.statectl.kernel.realise.SubstitutionPort;
import io.statectl.kernel.store.FileTrees;
import io.statectl.kernel.store.PathInfo;
import io.statectl.kernel.store.Store;
import io.statectl.kernel.store.StorePath;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes store paths valid from binary caches: asks every substituter at once (each within the
 * time-out), takes the answer of the one with the lowest {@code Priority}, then fetches the path
 * and whatever of its closure is missing from that cache, checking each substitute, and registers
 * them together. A refusal, a time-out or a dead cache makes it try the next substituter; when
 * none can, the answer is {@code false} and the listener has heard why. Misses are remembered for
 * {@code negativeTtl} (per process), as Nix's narinfo cache does. Thread-safe.
 */
public final class Substitution implements SubstitutionPort {
  /** Hears what substitution does: for progress lines and the event log. Thread-safe. */
  public interface Listener {
    /** {@code path} became valid from {@code from}, signed by {@code signedBy}. */
    void substituted(PathInfo path, String from, Optional<String> signedBy, long downloadedBytes);

    /** A substituter could not provide {@code path}: {@code why} is said to the user; the next is tried. */
    void skipped(StorePath path, String from, String why);

    /** {@code paths} paths of about {@code bytes} compressed bytes (FileSize, else NarSize) start downloading from {@code from}. */
    default void downloading(String from, int paths, long bytes) { }

    /** {@code bytes} more were downloaded (called from the download threads, often). */
    default void downloaded(long bytes) { }

    /** The {@link #substituted} calls of one closure are over (a listener may record them in one batch). */
    default void substitutedAll() { }

    /** {@code path}'s NAR is downloaded, unpacked and checked (it becomes valid with the rest of its closure). */
    default void downloadedPath(StorePath path) { }

    /** The downloads announced by {@link #downloading} ended (fetched, or refused and deleted). */
    default void downloadsEnded() { }
  }

  private static final Map<String, Instant> NEGATIVE = new ConcurrentHashMap<>();

  private final Store store;
  private final List<Substituter> substituters;
  private final Duration timeout;
  private final Duration negativeTtl;
  private final Clock clock;
  private final Listener listener;
  private final int connections;
  /** Substituters that failed as a whole (unreachable, not a cache, another store): not asked again by this instance. */
  private final java.util.Set<String> dead = ConcurrentHashMap.newKeySet();

  public Substitution(Store store, List<Substituter> substituters, Duration timeout, Duration negativeTtl, Clock clock,
      Listener listener) {
    this(store, substituters, timeout, negativeTtl, clock, listener, 4);
  }

  /** As above, with at most {@code connections} NARs downloading at once (Nix's {@code http-connections}). */
  public Substitution(Store store, List<Substituter> substituters, Duration timeout, Duration negativeTtl, Clock clock,
      Listener listener, int connections) {
    if (connections < 1) {
      throw new IllegalArgumentException("connections must be at least 1");
    }
    this.connections = connections;
    this.store = store;
    this.substituters = List.copyOf(substituters);
    this.timeout = timeout;
    this.negativeTtl = negativeTtl;
    this.clock = clock;
    this.listener = listener;
  }

  /**
   * Makes {@code outputs} valid: several missing ones are first asked for and fetched together
   * ({@code connections} at a time, one batch per substituter); whatever that leaves missing is
   * then tried one by one, so one bad substitute does not cost the others.
   */
  @Override
  public boolean substitute(Collection<StorePath> outputs) {
    List<StorePath> missing = outputs.stream().filter(o -> !store.isValid(o)).distinct().toList();
    if (missing.size() > 1 && !substituters.isEmpty()) {
      substituteTogether(missing);
    }
    for (StorePath out : outputs) {
      if (!store.isValid(out) && !substituteOne(out)) {
        return false;
      }
    }
    return true;
  }

  private record Answer(Substituter from, Optional<NarInfo> info, Optional<String> failure) {}

  private boolean substituteOne(StorePath path) {
    if (substituters.isEmpty()) {
      return false;
    }
    List<CompletableFuture<Answer>> asked = new ArrayList<>();
    for (Substituter s : substituters) {
      asked.add(CompletableFuture.supplyAsync(() -> ask(s, path)));
    }
    List<Answer> answers = new ArrayList<>();
    for (int i = 0; i < asked.size(); i++) {
      try {
        answers.add(asked.get(i).get(timeout.toMillis(), TimeUnit.MILLISECONDS));
      } catch (TimeoutException e) {
        asked.get(i).cancel(true);
        answers.add(new Answer(substituters.get(i), Optional.empty(), Optional.of("no answer within " + timeout.toMillis() + " ms")));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      } catch (ExecutionException e) {
        answers.add(new Answer(substituters.get(i), Optional.empty(), Optional.of(e.getCause().getMessage())));
      }
    }
    answers.sort(Comparator.comparingInt(a -> priority(a.from())));
    for (Answer a : answers) {
      a.failure().ifPresent(why -> listener.skipped(path, a.from().url(), why));
      if (a.info().isEmpty()) {
        continue;
      }
      try {
        fetchClosure(a.from(), List.of(a.info().get()));
        return true;
      } catch (KernelException e) {
        listener.skipped(path, a.from().url(), e.getMessage());
      }
    }
    return false;
  }

  private void substituteTogether(List<StorePath> missing) {
    ExecutorService queries = Executors.newFixedThreadPool(connections, r -> {
      Thread t = new Thread(r, "substitute query");
      t.setDaemon(true);
      return t;
    });
    Map<Substituter, List<NarInfo>> chosen = new LinkedHashMap<>();
    try {
      Map<StorePath, List<CompletableFuture<Answer>>> asked = new LinkedHashMap<>();
      for (StorePath path : missing) {
        List<CompletableFuture<Answer>> each = new ArrayList<>();
        for (Substituter s : substituters) {
          each.add(CompletableFuture.supplyAsync(() -> ask(s, path), queries));
        }
        asked.put(path, each);
      }
      for (Map.Entry<StorePath, List<CompletableFuture<Answer>>> e : asked.entrySet()) {
        List<Answer> answers = new ArrayList<>();
        for (int i = 0; i < substituters.size(); i++) {
          try {
            answers.add(e.getValue().get(i).get(timeout.toMillis(), TimeUnit.MILLISECONDS));
          } catch (TimeoutException | ExecutionException ex) {
            e.getValue().get(i).cancel(true); // asked again one by one, which says why
          } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return;
          }
        }
        answers.sort(Comparator.comparingInt(a -> priority(a.from())));
        // A dead cache says so once (ask() marks it); one by one it is then silently passed over.
        answers.forEach(a -> a.failure().ifPresent(why -> listener.skipped(e.getKey(), a.from().url(), why)));
        answers.stream().filter(a -> a.info().isPresent()).findFirst()
            .ifPresent(a -> chosen.computeIfAbsent(a.from(), k -> new ArrayList<>()).add(a.info().get()));
      }
    } finally {
      queries.shutdownNow();
    }
    chosen.forEach((from, tops) -> {
      try {
        fetchClosure(from, tops);
      } catch (KernelException e) {
        // Each is tried again alone (substituteOne), which names the one at fault.
        listener.skipped(tops.get(0).path(), from.url(), "fetching " + tops.size() + " paths together failed ("
            + e.getMessage() + "); trying them one by one");
      }
    });
  }

  private static int priority(Substituter s) {
    try {
      return s.info().priority();
    } catch (KernelException e) {
      return Integer.MAX_VALUE;
    }
  }

  private Answer ask(Substituter s, StorePath path) {
    if (dead.contains(s.url())) {
      return new Answer(s, Optional.empty(), Optional.empty());
    }
    String key = s.url() + " " + path;
    Instant until = NEGATIVE.get(key);
    if (until != null && clock.instant().isBefore(until)) {
      return new Answer(s, Optional.empty(), Optional.empty());
    }
    try {
      Optional<NarInfo> info = s.query(path);
      if (info.isEmpty()) {
        NEGATIVE.put(key, clock.instant().plus(negativeTtl));
      }
      return new Answer(s, info, Optional.empty());
    } catch (CacheIoException | InvalidNarInfoException e) {
      boolean first = dead.add(s.url());
      return new Answer(s, Optional.empty(), first ? Optional.of(e.getMessage() + " (not asked again by this command)")
          : Optional.empty());
    } catch (KernelException e) {
      return new Answer(s, Optional.empty(), Optional.of(e.getMessage()));
    }
  }

  /**
   * Fetches {@code top} and every missing path of its closure from {@code from}, {@code connections}
   * requests at once (narinfos level by level, then the NARs); registers them in one batch.
   */
  private void fetchClosure(Substituter from, List<NarInfo> tops) {
    ExecutorService pool = Executors.newFixedThreadPool(connections, r -> {
      Thread t = new Thread(r, "substitute " + from.url());
      t.setDaemon(true);
      return t;
    });
    try {
      Map<StorePath, NarInfo> needed = closure(pool, from, tops);
      // Signatures first: an untrusted closure is refused before a byte of it is downloaded.
      Map<StorePath, Optional<String>> signers = new LinkedHashMap<>();
      for (NarInfo info : needed.values()) {
        signers.put(info.path(), from.checkSignature(info));
      }
      Map<StorePath, Long> sizes = new ConcurrentHashMap<>();
      Map<Path, PathInfo> unpacked = download(pool, from, List.copyOf(needed.values()), sizes);
      try {
        store.registerTrees(unpacked);
      } catch (io.statectl.kernel.store.UnknownReferenceException e) {
        throw new SubstitutionRefusedException(tops.get(0).path(), from.url(), SubstitutionRefusedException.Reason.REFERENCE_MISSING,
            e.getMessage());
      }
      for (PathInfo info : unpacked.values()) {
        listener.substituted(info, from.url(), signers.get(info.path()), sizes.get(info.path()));
      }
      listener.substitutedAll();
    } finally {
      pool.shutdownNow();
    }
  }

  /** The narinfos of the closure of {@code tops} that are not valid here, asked for one level at a time, in parallel. */
  private Map<StorePath, NarInfo> closure(ExecutorService pool, Substituter from, List<NarInfo> tops) {
    Map<StorePath, NarInfo> needed = new LinkedHashMap<>();
    List<NarInfo> level = tops;
    while (!level.isEmpty()) {
      Map<StorePath, StorePath> wanted = new LinkedHashMap<>(); // reference → a referrer, for the message
      for (NarInfo n : level) {
        needed.put(n.path(), n);
      }
      for (NarInfo n : level) {
        for (StorePath ref : n.references()) {
          if (!needed.containsKey(ref) && !wanted.containsKey(ref) && !store.isValid(ref)) {
            wanted.put(ref, n.path());
          }
        }
      }
      List<Future<Optional<NarInfo>>> asked = new ArrayList<>();
      wanted.keySet().forEach(ref -> asked.add(pool.submit(() -> from.query(ref))));
      List<NarInfo> next = new ArrayList<>();
      int i = 0;
      for (Map.Entry<StorePath, StorePath> w : wanted.entrySet()) {
        Optional<NarInfo> info = await(from, asked.get(i++));
        next.add(info.orElseThrow(() -> new SubstitutionRefusedException(w.getValue(), from.url(),
            SubstitutionRefusedException.Reason.REFERENCE_MISSING, "its reference " + w.getKey()
                + " is neither valid here nor in the cache")));
      }
      level = next;
    }
    return needed;
  }

  private static <T> T await(Substituter from, Future<T> f) {
    try {
      return f.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new CacheIoException(from.url(), "download", String.valueOf(e.getCause()), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CacheIoException(from.url(), "download", "interrupted", e);
    }
  }

  /**
   * Downloads and unpacks {@code infos} to temp paths on {@code pool}; all of them or none: on the
   * first failure the others are stopped and every temp path is deleted, so nothing of a failed
   * closure stays (nor becomes valid: registration happens after, in one batch).
   */
  private Map<Path, PathInfo> download(ExecutorService pool, Substituter from, List<NarInfo> infos,
      Map<StorePath, Long> sizes) {
    long total = infos.stream().mapToLong(i -> i.fileSize().orElse(i.narSize())).sum();
    listener.downloading(from.url(), infos.size(), total);
    Set<Path> temps = ConcurrentHashMap.newKeySet();
    boolean complete = false;
    try {
      CompletionService<Map.Entry<Path, PathInfo>> done = new ExecutorCompletionService<>(pool);
      for (NarInfo info : infos) {
        done.submit(() -> {
          Path temp = store.newTempPath();
          temps.add(temp);
          AtomicLong bytes = new AtomicLong();
          from.fetch(info, temp, b -> {
            bytes.addAndGet(b);
            listener.downloaded(b);
          });
          sizes.put(info.path(), bytes.get());
          listener.downloadedPath(info.path());
          return Map.entry(temp, new PathInfo(info.path(), info.narHash(), info.narSize(), info.references(),
              info.deriver(), clock.instant(), info.signatures().stream().map(Signature::render).toList(), info.ca()));
        });
      }
      Map<StorePath, Map.Entry<Path, PathInfo>> byPath = new HashMap<>();
      for (int n = 0; n < infos.size(); n++) {
        Map.Entry<Path, PathInfo> e = await(from, pollOrTake(done));
        byPath.put(e.getValue().path(), e);
      }
      Map<Path, PathInfo> unpacked = new LinkedHashMap<>();
      for (NarInfo info : infos) {
        Map.Entry<Path, PathInfo> e = byPath.get(info.path());
        unpacked.put(e.getKey(), e.getValue());
      }
      complete = true;
      return unpacked;
    } finally {
      if (!complete) {
        pool.shutdownNow();
        try {
          // Let stopped downloads end before their trees are deleted, so none is written to again after.
          pool.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        temps.forEach(FileTrees::deleteRecursively);
      }
      listener.downloadsEnded();
    }
  }

  private static <T> Future<T> pollOrTake(CompletionService<T> done) {
    try {
      return done.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      CompletableFuture<T> f = new CompletableFuture<>();
      f.completeExceptionally(e);
      return f;
    }
  }
}
