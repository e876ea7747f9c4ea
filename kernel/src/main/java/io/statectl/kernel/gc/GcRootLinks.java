package io.statectl.kernel.gc;

import io.statectl.kernel.store.Hash;
import io.statectl.kernel.store.Store;
import io.statectl.kernel.store.StoreIoException;
import io.statectl.kernel.store.StorePath;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The user's roots in {@code <state>/gcroots}, as Nix keeps them: a symlink there that points into
 * the store is a <em>direct</em> root; a symlink under {@code gcroots/auto/} points to an out-link
 * elsewhere (e.g. {@code ./result}) and is an <em>indirect</em> root, alive exactly while that
 * out-link exists and points into the store. Removing or re-pointing the out-link kills the root;
 * {@link #list} then deletes the dead {@code auto} entry.
 *
 * <p>Only the writer (holding the state directory's writer lock) adds; anyone may list.
 */
public final class GcRootLinks {
  private final Path dir;
  private final Store store;

  public GcRootLinks(Path dir, Store store) {
    this.dir = dir;
    this.store = store;
  }

  /** A root found in {@code gcroots}: the link that holds it and, for an indirect root, the out-link. */
  public record Link(StorePath path, Path link, Optional<Path> outLink) {}

  /**
   * Points {@code outLink} at {@code target} (replacing an earlier link there, never another kind
   * of file) and registers it as an indirect root.
   *
   * @throws OutLinkOccupiedException if {@code outLink} exists and is not a symlink
   */
  public void addOutLink(Path outLink, StorePath target) {
    Path absolute = outLink.toAbsolutePath().normalize();
    if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(absolute)) {
      throw new OutLinkOccupiedException(absolute);
    }
    Path auto = dir.resolve("auto");
    String key = Hash.of(absolute.toString()).toBase32().substring(0, 32);
    try {
      Files.createDirectories(auto);
      io.statectl.kernel.activation.AtomicSymlink.replace(auto.resolve(key), absolute); // the root first: the out-link is never unrooted
      io.statectl.kernel.activation.AtomicSymlink.replace(absolute, store.toFile(target));
    } catch (IOException e) {
      throw new StoreIoException(absolute, "create the out-link", e);
    }
  }

  /** Registers {@code target} as a direct root named {@code name} ({@code gcroots/<name>}). */
  public void addDirect(String name, StorePath target) {
    if (name.contains("/") || name.startsWith(".") || name.equals("auto")) {
      throw new IllegalArgumentException("bad root name: " + name);
    }
    try {
      Files.createDirectories(dir);
      io.statectl.kernel.activation.AtomicSymlink.replace(dir.resolve(name), store.toFile(target));
    } catch (IOException e) {
      throw new StoreIoException(dir.resolve(name), "create the root", e);
    }
  }

  /**
   * Every live root in {@code gcroots}, in file order; deletes {@code auto} entries whose out-link
   * is gone or no longer points into the store.
   */
  public List<Link> list() {
    List<Link> links = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return links;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path e : entries) {
        if (e.getFileName().toString().equals("auto") && Files.isDirectory(e, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        target(e).ifPresent(p -> links.add(new Link(p, e, Optional.empty())));
      }
    } catch (IOException e) {
      throw new StoreIoException(dir, "list the roots in", e);
    }
    Path auto = dir.resolve("auto");
    if (Files.isDirectory(auto)) {
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(auto)) {
        for (Path e : entries) {
          Optional<Path> outLink = readLink(e);
          Optional<StorePath> held = outLink.flatMap(this::target);
          if (held.isPresent()) {
            links.add(new Link(held.get(), e, outLink));
          } else {
            Files.deleteIfExists(e); // the out-link was removed or re-pointed: the root is dead
          }
        }
      } catch (IOException e) {
        throw new StoreIoException(auto, "list the roots in", e);
      }
    }
    return links;
  }

  /** The store path a symlink points into, if it does (it need not be valid). */
  private Optional<StorePath> target(Path link) {
    return readLink(link).flatMap(t -> store.parseStoreFile(link.getParent().resolve(t)));
  }

  private static Optional<Path> readLink(Path link) {
    if (!Files.isSymbolicLink(link)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readSymbolicLink(link));
    } catch (IOException e) {
      return Optional.empty(); // removed meanwhile
    }
  }
}
