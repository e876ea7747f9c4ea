package io.statectl.kernel.realise;

import io.statectl.kernel.store.StorePath;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Build logs, one per derivation, gzip-compressed under {@code <state>/logs/<drv>.log.gz}; the
 * latest build of a derivation replaces the previous log. A log being written lives under a temp
 * name and appears whole when the build ends. Thread-safe.
 */
public final class BuildLogs {
  private final Path directory;

  public BuildLogs(Path directory) {
    this.directory = directory;
  }

  /** The file holding the log of {@code drv}, whether or not it exists. */
  public Path file(StorePath drv) {
    return directory.resolve(drv + ".log.gz");
  }

  /** A stream for a new log of {@code drv}; closing it publishes the log. */
  public OutputStream create(StorePath drv) throws IOException {
    Files.createDirectories(directory);
    Path target = file(drv);
    Path temp = Files.createTempFile(directory, ".log-", ".tmp");
    OutputStream gz = new GZIPOutputStream(Files.newOutputStream(temp), 8192, true);
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        gz.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        gz.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        gz.close();
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
    };
  }

  /** The uncompressed log of {@code drv}, if one was kept. */
  public Optional<InputStream> open(StorePath drv) throws IOException {
    Path f = file(drv);
    if (!Files.isRegularFile(f)) {
      return Optional.empty();
    }
    return Optional.of(new GZIPInputStream(Files.newInputStream(f)));
  }
}
