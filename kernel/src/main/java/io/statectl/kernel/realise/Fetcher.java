package io.statectl.kernel.realise;

import io.statectl.api.Sha256;
import io.statectl.kernel.store.Hash;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;

/**
 * Downloads the file of a fixed-output derivation ({@code http}, {@code https} or {@code file}
 * URLs) and checks its SHA-256. It runs in statectl itself, not in the sandbox: fetching is the
 * one step that needs the network, and its result is checked against a declared hash before
 * anything is registered. Thread-safe.
 */
public final class Fetcher {
  private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
      .connectTimeout(Duration.ofSeconds(30)).build();

  /**
   * Fetches {@code url} into the new file {@code target}, logging to {@code log}.
   *
   * @throws HashMismatchException if the content's SHA-256 is not {@code expected} (the file is
   *     left for the caller to delete)
   * @throws IOException if it cannot be fetched
   */
  public void fetch(String url, Hash expected, Path target, OutputStream log) throws IOException, InterruptedException {
    PrintStream say = new PrintStream(log, true, StandardCharsets.UTF_8);
    say.println("fetching " + url);
    URI uri = URI.create(url);
    MessageDigest sha = Sha256.newDigest();
    String scheme = uri.getScheme() == null ? "" : uri.getScheme();
    try (OutputStream out = new DigestOutputStream(Files.newOutputStream(target), sha)) {
      if (scheme.equals("file")) {
        Files.copy(Path.of(uri), out);
      } else if (scheme.equals("http") || scheme.equals("https")) {
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(uri).GET()
            .timeout(Duration.ofMinutes(10)).build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
          if (response.statusCode() / 100 != 2) {
            throw new IOException("HTTP " + response.statusCode() + " from " + url);
          }
          in.transferTo(out);
        }
      } else {
        throw new IOException("unsupported URL scheme '" + scheme + "' in " + url + " (use http, https or file)");
      }
    }
    Hash got = new Hash(sha.digest());
    say.println("sha256:" + got.toHex() + " (" + Files.size(target) + " bytes)");
    if (!got.equals(expected)) {
      throw new HashMismatchException(url, expected, got);
    }
  }
}
