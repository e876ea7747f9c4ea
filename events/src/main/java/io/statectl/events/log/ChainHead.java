package io.statectl.events.log;

import io.statectl.api.DurableFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The anchored head of the hash chain: the last committed sequence and that record's hash, kept in
 * {@code <state>/events.head}, outside the LMDB environment. The chain proves every record back
 * from the last one, but not that the last one is the newest: deleting the newest records, or
 * putting back an older copy of the log, leaves a valid chain. The head, written and fsynced
 * after every commit, is what such a log is compared with.
 */
public record ChainHead(long sequence, String hash) {
  /** The file beside the log directory {@code <state>/events}. */
  public static Path file(Path logDirectory) {
    return logDirectory.toAbsolutePath().resolveSibling(logDirectory.getFileName() + ".head");
  }

  /** The head as last written, empty for a log older than the head (or one never appended to). */
  public static Optional<ChainHead> read(Path logDirectory) {
    Path f = file(logDirectory);
    try {
      String[] parts = Files.readString(f, StandardCharsets.UTF_8).trim().split(" ");
      if (parts.length != 2) {
        throw new IllegalStateException(f + " is not \"<sequence> <sha256>\": " + String.join(" ", parts));
      }
      return Optional.of(new ChainHead(Long.parseLong(parts[0]), parts[1]));
    } catch (java.nio.file.NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + f, e);
    }
  }

  /** Writes the head atomically (temp file, fsync, rename, fsync of the directory). */
  void write(Path logDirectory) {
    Path f = file(logDirectory);
    try {
      DurableFiles.replace(f, (sequence + " " + hash + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the chain head " + f, e);
    }
  }

  static ChainHead of(long sequence, byte[] hash) {
    return new ChainHead(sequence, HexFormat.of().formatHex(hash));
  }
}
