package io.statectl.api;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Replaces a small file so that a crash at any point leaves either the old content or the new,
 * never a mix or an empty file: write a sibling temp file, fsync it, rename it over the target,
 * fsync the directory (without that last step the rename itself may be lost on power failure).
 *
 * <p>The two-step form ({@link #writeTemp} then {@link #commit}) is for callers that must adjust
 * the temp file (owner, mode) or copy the old file aside before the rename.
 */
public final class DurableFiles {
  private DurableFiles() {}

  /** Replaces {@code file} with {@code content}, creating its parent directory if needed. */
  public static void replace(Path file, byte[] content) throws IOException {
    commit(writeTemp(file, content), file);
  }

  /** Writes {@code content} to a new temp file beside {@code file}, fsynced, and returns it. */
  public static Path writeTemp(Path file, byte[] content) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path temp = parent.resolve("." + file.getFileName() + ".tmp-" + UUID.randomUUID());
    try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        ch.write(buffer);
      }
      ch.force(true);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    return temp;
  }

  /** Renames {@code temp} over {@code file} atomically and fsyncs the directory. */
  public static void commit(Path temp, Path file) throws IOException {
    try {
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    try (FileChannel dir = FileChannel.open(file.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
      dir.force(true);
    }
  }
}
