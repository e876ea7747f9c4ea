package io.statectl.kernel.state;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The layout of a state directory. One place names every file statectl keeps, so that nothing
 * else builds these paths by hand.
 */
public record StateDirectory(Path root) {
  public StateDirectory {
    root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
  }

  /** The LMDB environment of the event log. */
  public Path events() {
    return root.resolve("events");
  }

  /** The LMDB environment of the store index. */
  public Path db() {
    return root.resolve("db");
  }

  public Path store() {
    return root.resolve("store");
  }

  /** The LMDB environment of the read models; deleting it is safe, it is rebuilt from the log. */
  public Path projections() {
    return root.resolve("projections");
  }

  /**
   * As-of views of the read models ({@code views/as-of-<sequence>}), built by {@code replay} and
   * {@code --as-of}; like {@link #projections()}, safe to delete.
   */
  public Path views() {
    return root.resolve("views");
  }

  /** Per-profile links: {@code profiles/<name>} → {@code <name>-<N>-link} → generation. */
  public Path profiles() {
    return root.resolve("profiles");
  }

  public Path profileLink(String profile) {
    return profiles().resolve(profile);
  }

  /** Installed plugins: {@code <id>.jar} links to their jars in the store. */
  public Path plugins() {
    return root.resolve("plugins");
  }

  /** Compressed build logs, one per derivation. */
  public Path logs() {
    return root.resolve("logs");
  }

  /** Per-store-path build locks. */
  public Path locks() {
    return root.resolve("locks");
  }

  /** Private directories of builds in progress; anything left here is garbage. */
  public Path builds() {
    return root.resolve("builds");
  }

  /** What the last import of the host's bootstrap tools produced. */
  public Path bootstrapCache() {
    return root.resolve("bootstrap");
  }

  /**
   * GC roots: {@code gcroots/<name>} links to a store path (a direct root), {@code gcroots/auto/*}
   * link to out-links (indirect roots, alive while the out-link points into the store).
   */
  public Path gcRoots() {
    return root.resolve("gcroots");
  }

  /** Temp roots of running commands: {@code temproots/<pid>-<n>}, locked while the command lives. */
  public Path tempRoots() {
    return root.resolve("temproots");
  }

  /** Roots leased past one command, until a deadline ({@link io.statectl.kernel.gc.LeasedRoots}). */
  public Path leasedRoots() {
    return root.resolve("leasedroots");
  }

  /** What {@code store add} last added from each source, by fingerprint, so an unchanged re-add is fast. */
  public Path addCache() {
    return root.resolve("add-cache");
  }

  /** Activation journals ({@code journal/<profile>}): one exists only while that profile's activation runs. */
  public Path activationJournal() {
    return root.resolve("journal");
  }

  public Path writerLock() {
    return root.resolve("writer.lock");
  }

  /** Whether anything was ever recorded here; read commands do not create a state directory. */
  public boolean exists() {
    return Files.isDirectory(events());
  }
}
