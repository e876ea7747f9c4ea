package io.statectl.shell.engine.store;

import io.statectl.kernel.gc.GcRootLinks;
import io.statectl.kernel.gc.TempRoots;
import io.statectl.kernel.store.PathInfo;
import io.statectl.kernel.store.Store;
import io.statectl.kernel.store.StorePath;
import io.statectl.projections.ProjectionStore;
import io.statectl.projections.backups.BackupRecord;
import io.statectl.projections.generations.GenerationRecord;
import io.statectl.shell.engine.session.StateSession;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every GC root of a state directory and what holds it: each profile's generations (system and
 * every home) and their configuration snapshots, every backup, the profile links, the user's
 * {@code gcroots} (direct links and out-links), the temp roots of running commands, and leased roots
 * (a deploy's received closure until its activation). The one
 * place {@code gc}, {@code store roots} and {@code store why-alive} get their roots from.
 */
public final class StoreRoots {
  private StoreRoots() {}

  /** A root: the store path it keeps and who keeps it, in words. */
  public record Root(StorePath path, String holder) {}

  /** Generations that the running {@code gc} is deleting: they are not roots any more. */
  public record Deleting(String profile, Set<Integer> numbers) {
    public Deleting {
      numbers = Set.copyOf(numbers);
    }

    public static Deleting nothing() {
      return new Deleting("", Set.of());
    }

    boolean covers(String p, int n) {
      return profile.equals(p) && numbers.contains(n);
    }
  }

  /** Every root, in a stable order by kind. */
  public static List<Root> collect(StateSession s, Deleting deleting) {
    Store store = s.store();
    List<Root> roots = new ArrayList<>();
    ProjectionStore p = s.projections();
    for (String profile : p.profiles()) {
      for (GenerationRecord g : p.generations(profile)) {
        if (!deleting.covers(profile, g.number())) {
          parse(store, g.storePath()).ifPresent(x -> roots.add(new Root(x, "generation " + profile + " " + g.number())));
        }
        parse(store, g.snapshotPath()).ifPresent(x -> roots.add(new Root(x,
            "configuration snapshot of generation " + profile + " " + g.number())));
      }
      for (GenerationRecord g : p.deletedGenerations(profile)) {
        parse(store, g.snapshotPath()).ifPresent(x -> roots.add(new Root(x,
            "configuration snapshot of deleted generation " + profile + " " + g.number())));
      }
    }
    bootEntries(p, store, deleting, roots);
    for (BackupRecord b : p.backups()) {
      parse(store, b.storePath()).ifPresent(x -> roots.add(new Root(x, "backup #" + b.id() + " of " + b.livePath())));
    }
    profileLinks(s.directory().profiles(), store, deleting, roots);
    for (GcRootLinks.Link l : new GcRootLinks(s.directory().gcRoots(), store).list()) {
      roots.add(new Root(l.path(), l.outLink().map(o -> "out-link " + o + " (via " + l.link() + ")")
          .orElse("gcroot " + l.link())));
    }
    for (TempRoots.Holder h : TempRoots.live(s.directory().tempRoots())) {
      for (StorePath x : h.paths()) {
        roots.add(new Root(x, "temp root of running pid " + h.pid() + " (" + h.file() + ")"));
      }
    }
    for (io.statectl.kernel.gc.LeasedRoots.Lease l : io.statectl.kernel.gc.LeasedRoots.live(
        s.directory().leasedRoots(), java.time.Instant.now())) {
      for (StorePath x : l.paths()) {
        roots.add(new Root(x, "lease " + l.file() + " (until " + l.expires() + ")"));
      }
    }
    return roots;
  }

  /**
   * The generations with a boot entry under the system profile's root: a machine must be able to
   * boot every entry its loader offers. An entry pruned by {@code boot.loader.configurationLimit}
   * or of a generation being deleted holds nothing.
   */
  private static void bootEntries(ProjectionStore p, Store store, Deleting deleting, List<Root> roots) {
    String system = io.statectl.kernel.generation.ProfilePartition.SYSTEM;
    Optional<String> root = p.active(system).flatMap(a -> Optional.ofNullable(a.root()));
    if (root.isEmpty()) {
      return;
    }
    io.statectl.kernel.boot.BootLoaderDir dir = new io.statectl.kernel.boot.BootLoaderDir(Path.of(root.get()));
    for (int n : dir.entries().keySet()) {
      if (!deleting.covers(system, n)) {
        p.generation(system, n).flatMap(g -> parse(store, g.storePath())).ifPresent(x -> roots.add(new Root(x,
            "boot entry " + dir.entriesDir().resolve(io.statectl.kernel.boot.BootEntry.fileName(n)))));
      }
    }
  }

  /** Just the store paths of {@link #collect}. */
  public static List<StorePath> paths(List<Root> roots) {
    return roots.stream().map(Root::path).toList();
  }

  /**
   * The shortest chain of references from a root to {@code target}: the root first, then each path
   * down to {@code target}; empty when no root reaches it.
   */
  public static Optional<List<StorePath>> chain(Store store, List<Root> roots, StorePath target) {
    Map<StorePath, StorePath> parent = new HashMap<>();
    Deque<StorePath> pending = new ArrayDeque<>();
    for (Root r : roots) {
      if (store.isValid(r.path()) && !parent.containsKey(r.path())) {
        parent.put(r.path(), r.path());
        pending.add(r.path());
      }
    }
    while (!pending.isEmpty()) {
      StorePath next = pending.poll();
      if (next.equals(target)) {
        LinkedList<StorePath> chain = new LinkedList<>();
        for (StorePath at = target; ; at = parent.get(at)) {
          chain.addFirst(at);
          if (parent.get(at).equals(at)) {
            return Optional.of(chain);
          }
        }
      }
      for (StorePath ref : store.pathInfo(next).map(PathInfo::references).orElse(new java.util.TreeSet<>())) {
        if (!parent.containsKey(ref)) {
          parent.put(ref, next);
          pending.add(ref);
        }
      }
    }
    return Optional.empty();
  }

  /** Links in {@code profiles/} that lead (through at most a few links) into the store. */
  private static void profileLinks(Path dir, Store store, Deleting deleting, List<Root> roots) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (DirectoryStream<Path> links = Files.newDirectoryStream(dir)) {
      for (Path link : links) {
        String name = link.getFileName().toString();
        if (name.startsWith(".") || deleting.numbers().stream()
            .anyMatch(n -> name.equals(deleting.profile() + "-" + n + "-link"))) {
          continue;
        }
        Path at = link;
        for (int hop = 0; hop < 8 && Files.isSymbolicLink(at); hop++) {
          Path next = at.getParent().resolve(Files.readSymbolicLink(at));
          Optional<StorePath> inStore = store.parseStoreFile(next);
          if (inStore.isPresent()) {
            roots.add(new Root(inStore.get(), "profile link " + link));
            break;
          }
          at = next;
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot read the profile links in " + dir, e);
    }
  }

  private static Optional<StorePath> parse(Store store, String path) {
    return path == null ? Optional.empty() : store.parseStoreFile(Path.of(path));
  }
}
