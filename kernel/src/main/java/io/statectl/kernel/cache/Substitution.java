package io.statectl.kernel.cache;

import io.statectl.kernel.KernelException;
import io.statectl.kernel.realise.SubstitutionPort;
import io.statectl.kernel.store.PathInfo;
import io.statectl.kernel.store.Store;
import io.statectl.kernel.store.StorePath;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
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
  }

  private static final Map<String, Instant> NEGATIVE = new ConcurrentHashMap<>();

  private final Store store;
  private final List<Substituter> substituters;
  private final Duration timeout;
  private final Duration negativeTtl;
  private final Clock clock;
  private final Listener listener;
  /** Substituters that failed as a whole (unreachable, not a cache, another store): not asked again by this instance. */
  private final java.util.Set<String> dead = ConcurrentHashMap.newKeySet();

  public Substitution(Store store, List<Substituter> substituters, Duration timeout, Duration negativeTtl, Clock clock,
      Listener listener) {
    this.store = store;
    this.substituters = List.copyOf(substituters);
    this.timeout = timeout;
    this.negativeTtl = negativeTtl;
    this.clock = clock;
    this.listener = listener;
  }

  @Override
  public boolean substitute(Collection<StorePath> outputs) {
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
        fetchClosure(a.from(), a.info().get());
        return true;
      } catch (KernelException e) {
        listener.skipped(path, a.from().url(), e.getMessage());
      }
    }
    return false;
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

  /** Fetches {@code top} and every missing path of its closure from {@code from}; registers them in one batch. */
  private void fetchClosure(Substituter from, NarInfo top) {
    Map<StorePath, NarInfo> needed = new LinkedHashMap<>();
    Deque<NarInfo> pending = new ArrayDeque<>(List.of(top));
    while (!pending.isEmpty()) {
      NarInfo next = pending.pop();
      if (needed.containsKey(next.path())) {
        continue;
      }
      needed.put(next.path(), next);
      for (StorePath ref : next.references()) {
        if (!ref.equals(next.path()) && !needed.containsKey(ref) && !store.isValid(ref)) {
          pending.push(from.query(ref).orElseThrow(() -> new SubstitutionRefusedException(next.path(), from.url(),
              SubstitutionRefusedException.Reason.REFERENCE_MISSING, "its reference " + ref + " is neither valid here nor in the cache")));
        }
      }
    }
    Map<Path, PathInfo> unpacked = new LinkedHashMap<>();
    Map<StorePath, Optional<String>> signers = new LinkedHashMap<>();
    Map<StorePath, Long> sizes = new LinkedHashMap<>();
    try {
      for (NarInfo info : needed.values()) {
        signers.put(info.path(), from.checkSignature(info));
        Path temp = store.newTempPath();
        AtomicLong bytes = new AtomicLong();
        from.fetch(info, temp, bytes::addAndGet);
        sizes.put(info.path(), bytes.get());
        PathInfo pathInfo = new PathInfo(info.path(), info.narHash(), info.narSize(), info.references(), info.deriver(),
            clock.instant(), info.signatures().stream().map(Signature::render).toList(), info.ca());
        unpacked.put(temp, pathInfo);
      }
    } catch (RuntimeException e) {
      unpacked.keySet().forEach(io.statectl.kernel.store.FileTrees::deleteRecursively);
      throw e;
    }
    try {
      store.registerTrees(unpacked);
    } catch (io.statectl.kernel.store.UnknownReferenceException e) {
      throw new SubstitutionRefusedException(top.path(), from.url(), SubstitutionRefusedException.Reason.REFERENCE_MISSING,
          e.getMessage());
    }
    for (PathInfo info : unpacked.values()) {
      listener.substituted(info, from.url(), signers.get(info.path()), sizes.get(info.path()));
    }
  }
}
