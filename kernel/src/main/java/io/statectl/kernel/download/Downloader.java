package io.statectl.kernel.download;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Copies the bytes behind an {@code http}, {@code https} or {@code file} URL into a stream: the
 * one downloader of statectl (fixed-output fetches, plugin sources). It checks nothing about the
 * content; callers hash what passes. Thread-safe: one {@link HttpClient} serves every call.
 */
public final class Downloader {
  private final HttpClient http;
  private final Duration timeout;

  /** A downloader that gives up on a connection after {@code connect} and on a whole transfer after {@code timeout}. */
  public Downloader(Duration connect, Duration timeout) {
    this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(connect).build();
    this.timeout = timeout;
  }

  /** Whether {@code source} names something this downloader fetches over the network. */
  public static boolean isHttp(String source) {
    return source.startsWith("http://") || source.startsWith("https://");
  }

  /**
   * Writes the content of {@code uri} to {@code out}.
   *
   * @throws IOException on an unsupported scheme, a non-2xx answer (naming the status and URL) or
   *     a transfer error
   */
  public void copy(URI uri, OutputStream out) throws IOException, InterruptedException {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme();
    switch (scheme) {
      case "file" -> Files.copy(Path.of(uri), out);
      case "http", "https" -> {
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(uri).GET().timeout(timeout).build(),
            HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
          if (response.statusCode() / 100 != 2) {
            throw new IOException("HTTP " + response.statusCode() + " from " + uri);
          }
          in.transferTo(out);
        }
      }
      default -> throw new IOException("unsupported URL scheme '" + scheme + "' in " + uri + " (use http, https or file)");
    }
  }
}
