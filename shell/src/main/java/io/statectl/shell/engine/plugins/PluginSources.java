package io.statectl.shell.engine.plugins;

import io.statectl.kernel.download.Downloader;
import io.statectl.kernel.plugins.PluginRejectedException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Brings a plugin source (a local path or an http(s) URL) to a local file. */
public final class PluginSources {
  private PluginSources() {}

  private static final Downloader DOWNLOADER = new Downloader(Duration.ofSeconds(20), Duration.ofMinutes(2));

  static boolean isUrl(String source) {
    return Downloader.isHttp(source);
  }

  /** The local file for {@code source}; URLs are downloaded into {@code tempDir}. */
  static Path fetch(String source, Path tempDir) {
    if (!isUrl(source)) {
      Path p = Path.of(source).toAbsolutePath().normalize();
      if (!Files.isRegularFile(p)) {
        throw new PluginRejectedException(PluginRejectedException.Reason.UNREADABLE, source,
            "no plugin file at " + p, "check the path");
      }
      return p;
    }
    Path target = null;
    try {
      target = Files.createTempFile(tempDir, "plugin-", ".jar");
      try (OutputStream out = Files.newOutputStream(target)) {
        DOWNLOADER.copy(URI.create(source), out);
      }
      return target;
    } catch (IOException e) {
      deleteQuietly(target);
      throw new PluginRejectedException(PluginRejectedException.Reason.UNREADABLE, source,
          "cannot download " + source + ": " + e.getMessage(), "check the URL and the network");
    } catch (InterruptedException e) {
      deleteQuietly(target);
      Thread.currentThread().interrupt();
      throw new PluginRejectedException(PluginRejectedException.Reason.UNREADABLE, source, "download interrupted", "rerun");
    }
  }

  private static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // a temp file in the plugin staging dir: removed with it
      }
    }
  }
}
