package io.statectl.kernel.realise;

import io.statectl.api.Sha256;
import io.statectl.kernel.download.Downloader;
import io.statectl.kernel.store.Hash;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
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
  private final Downloader downloader = new Downloader(Duration.ofSeconds(30), Duration.ofMinutes(10));

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
    try (OutputStream out = new DigestOutputStream(Files.newOutputStream(target), sha)) {
      downloader.copy(uri, out);
    }
    Hash got = new Hash(sha.digest());
    say.println("sha256:" + got.toHex() + " (" + Files.size(target) + " bytes)");
    if (!got.equals(expected)) {
      throw new HashMismatchException(url, expected, got);
    }
  }
}
