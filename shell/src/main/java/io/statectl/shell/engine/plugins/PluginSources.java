package io.statectl.shell.engine.plugins;

import io.statectl.kernel.plugins.PluginRejectedException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Brings a plugin source (a local path or an http(s) URL) to a local file. */
public final class PluginSources {
  private PluginSources() {}

  static boolean isUrl(String source) {
    return source.startsWith("http://") || source.startsWith("https://");
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
    try {
      Path target = Files.createTempFile(tempDir, "plugin-", ".jar");
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20))
          .followRedirects(HttpClient.Redirect.NORMAL).build();
      HttpResponse<Path> r = client.send(HttpRequest.newBuilder(URI.create(source)).timeout(Duration.ofMinutes(2)).build(),
          HttpResponse.BodyHandlers.ofFile(target));
      if (r.statusCode() != 200) {
        Files.deleteIfExists(target);
        throw new PluginRejectedException(PluginRejectedException.Reason.UNREADABLE, source,
            "cannot download " + source + ": HTTP " + r.statusCode(), "check the URL");
      }
      return target;
    } catch (IOException e) {
      throw new PluginRejectedException(PluginRejectedException.Reason.UNREADABLE, source,
          "cannot download " + source + ": " + e.getMessage(), "check the URL and the network");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PluginRejectedException(PluginRejectedException.Reason.UNREADABLE, source, "download interrupted", "rerun");
    }
  }
}
