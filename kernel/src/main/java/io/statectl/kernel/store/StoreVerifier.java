package io.statectl.kernel.store;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Compares the index with the disk, as {@code nix-store --verify}: every valid path is on disk and
 * its references are valid; with {@link Contents#CHECK} its archive is hashed again and compared
 * with the registered NAR hash (in parallel, one path per task); every store directory entry that
 * names a path is valid. Reports every problem, never only the first. Only reads.
 */
public final class StoreVerifier {
  private final Store store;

  public StoreVerifier(Store store) {
    this.store = store;
  }

  /** Whether contents are hashed again. */
  public enum Contents { SKIP, CHECK }

  /** Every problem found, in path order per kind. */
  public List<StoreProblem> verify(Contents contents, Set<StorePath> inProgress) {
    List<StoreProblem> problems = new ArrayList<>();
    List<PathInfo> valid = store.validPaths();
    Set<StorePath> validSet = new HashSet<>();
    valid.forEach(i -> validSet.add(i.path()));
    List<PathInfo> present = new ArrayList<>();
    for (PathInfo info : valid) {
      Path file = store.toFile(info.path());
      if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
        problems.add(new StoreProblem.Missing(info.path(), file));
      } else {
        present.add(info);
      }
      for (StorePath ref : info.references()) {
        if (!validSet.contains(ref)) {
          problems.add(new StoreProblem.DanglingReference(info.path(), file, ref));
        }
      }
    }
    if (contents == Contents.CHECK) {
      problems.addAll(hashAll(present));
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(store.directory())) {
      List<Path> unregistered = new ArrayList<>();
      for (Path e : entries) {
        String name = e.getFileName().toString();
        if (name.startsWith(".")) {
          continue;
        }
        try {
          StorePath p = StorePath.parse(name);
          if (!validSet.contains(p) && !inProgress.contains(p) && !store.isValid(p)) {
            unregistered.add(e);
          }
        } catch (InvalidStorePathException notAPath) {
          // not a store path name: not the index's business
        }
      }
      unregistered.stream().sorted().forEach(f -> problems.add(new StoreProblem.Unregistered(f)));
    } catch (IOException e) {
      throw new StoreIoException(store.directory(), "list the store directory", e);
    }
    return problems;
  }

  /** Hashes the archive of {@code path} again; empty when it matches its registration. */
  public java.util.Optional<StoreProblem> check(PathInfo info) {
    Path file = store.toFile(info.path());
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      return java.util.Optional.of(new StoreProblem.Missing(info.path(), file));
    }
    Hash got;
    try {
      got = Nar.narHash(file);
    } catch (StoreIoException e) {
      return java.util.Optional.of(new StoreProblem.Missing(info.path(), file));
    }
    return got.equals(info.narHash()) ? java.util.Optional.empty()
        : java.util.Optional.of(new StoreProblem.Damaged(info.path(), file, info.narHash(), got));
  }

  private List<StoreProblem> hashAll(List<PathInfo> paths) {
    int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "store-verify");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<java.util.Optional<StoreProblem>>> results = new ArrayList<>();
      for (PathInfo info : paths) {
        results.add(pool.submit(() -> check(info)));
      }
      List<StoreProblem> problems = new ArrayList<>();
      for (Future<java.util.Optional<StoreProblem>> f : results) {
        f.get().ifPresent(problems::add);
      }
      return problems;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while verifying the store", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }
}
