package io.statectl.kernel.cache;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The files of a binary cache, wherever they live: {@code nix-cache-info}, {@code <hash>.narinfo}
 * and {@code nar/…}. Implementations are named by their transport ({@link FileBinaryCache},
 * {@link HttpBinaryCache}).
 *
 * <p>Contract: thread-safe. {@link #open} of a file that is not there is {@link Optional#empty()}
 * (HTTP 404 and 403, as Nix reads them); {@link #put} publishes a file whole or not at all (a reader
 * never sees half of it), so a narinfo written after its NAR never points at a partial NAR.
 * Failures are {@link CacheIoException}s naming the URL.
 */
public interface BinaryCache {

  /** The cache's URL, as the user gave it (without query parameters), for messages and events. */
  String url();

  /** Opens {@code file} (relative to the root) for reading, if it exists. */
  Optional<InputStream> open(String file);

  /** Returns whether {@code file} exists. */
  boolean exists(String file);

  /** Publishes the contents of {@code source} as {@code file}, atomically. */
  void put(String file, Path source);

  /**
   * Where a writer stages a file that it then hands to {@link #publish}: a directory from which
   * publishing is a rename (a local cache's own root) or else the system's temp directory.
   */
  default Path stagingDirectory() throws IOException {
    return Path.of(System.getProperty("java.io.tmpdir"));
  }

  /**
   * Publishes {@code staged} (a file created in {@link #stagingDirectory()}) as {@code file},
   * atomically, and consumes it: afterwards it is gone, published or not.
   */
  default void publish(String file, Path staged) {
    try {
      put(file, staged);
    } finally {
      try {
        Files.deleteIfExists(staged);
      } catch (IOException e) {
        // a stray temp file in the system's temp directory; the publication stands or failed above
      }
    }
  }

  /**
   * Opens {@code url}: {@code file:///dir} or {@code http(s)://…}. Query parameters
   * ({@code ?compression=…}) are ignored here.
   *
   * @param timeout how long one request may take before the cache counts as dead
   * @param token a bearer token sent with uploads, if any
   * @throws CacheIoException if the scheme is not one of these
   */
  static BinaryCache open(String url, Duration timeout, Optional<String> token) {
    String bare = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
    while (bare.endsWith("/") && !bare.endsWith(":///")) {
      bare = bare.substring(0, bare.length() - 1);
    }
    URI uri;
    try {
      uri = URI.create(bare);
    } catch (IllegalArgumentException e) {
      throw new CacheIoException(url, "open", "not a URL (" + e.getMessage() + ")", e);
    }
    String scheme = String.valueOf(uri.getScheme());
    return switch (scheme) {
      case "file" -> new FileBinaryCache(Path.of(uri.getPath()), bare);
      case "http", "https" -> new HttpBinaryCache(uri, timeout, token);
      default -> throw new CacheIoException(url, "open", "statectl speaks file://, http:// and https://, not "
          + scheme + "://", null);
    };
  }
}
