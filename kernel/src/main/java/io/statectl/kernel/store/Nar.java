package io.statectl.kernel.store;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Serialises a file tree in Nix's NAR format, byte for byte, streaming: the tree is read file by
 * file and never held in memory, so hashing a large tree costs one buffer.
 *
 * <p>Only the file type, the owner-executable bit of regular files, file contents, symlink
 * targets and entry names are recorded; timestamps, owners and other permission bits are not,
 * which is what makes the archive deterministic. Directory entries are sorted by the bytes of
 * their UTF-8 names. The exact grammar is in {@code docs/spec/store.md}.
 */
public final class Nar {
  private static final byte[] MAGIC = utf8("nix-archive-1");
  private static final int BUFFER_SIZE = 64 * 1024;

  private Nar() {}

  /**
   * Writes the NAR of {@code root} (not following symlinks) to {@code out}.
   *
   * @throws UnsupportedFileTypeException if the tree holds a fifo, socket or device
   * @throws StoreIoException if reading the tree or writing {@code out} fails
   */
  public static void write(Path root, OutputStream out) {
    Writer writer = new Writer(out);
    try {
      writer.string(MAGIC);
      writer.node(root);
    } catch (UncheckedIOException e) {
      throw new StoreIoException(root, "write the archive of", e.getCause());
    }
  }

  /** Returns the SHA-256 and size of the NAR of {@code root}; errors as {@link #write}. */
  public static NarDigest digest(Path root) {
    DigestingOutputStream sink = new DigestingOutputStream();
    write(root, sink);
    return sink.result();
  }

  /**
   * Returns the SHA-256 and size of the NAR of a single non-executable regular file holding {@code
   * contents}, without touching the disk: equal to {@link #digest} of such a file.
   */
  public static NarDigest digestOfRegularFile(byte[] contents) {
    DigestingOutputStream sink = new DigestingOutputStream();
    Writer writer = new Writer(sink);
    writer.string(MAGIC);
    writer.string("(");
    writer.string("type");
    writer.string("regular");
    writer.string("contents");
    writer.number(contents.length);
    writer.raw(contents, 0, contents.length);
    writer.pad(contents.length);
    writer.string(")");
    return sink.result();
  }

  /** Returns the SHA-256 of the NAR of {@code root}; errors as {@link #write}. */
  public static Hash narHash(Path root) {
    return digest(root).narHash();
  }

  /** Returns the byte length of the NAR of {@code root}; errors as {@link #write}. */
  public static long narSize(Path root) {
    return digest(root).narSize();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** One serialisation run; output failures surface as UncheckedIOException. */
  private static final class Writer {
    private static final byte[] PADDING = new byte[8];
    private final OutputStream out;
    private final byte[] buffer = new byte[BUFFER_SIZE];

    Writer(OutputStream out) {
      this.out = out;
    }

    void node(Path path) {
      BasicFileAttributes attrs = readAttributes(path);
      string("(");
      string("type");
      if (attrs.isSymbolicLink()) {
        string("symlink");
        string("target");
        string(utf8(readLink(path).toString()));
      } else if (attrs.isDirectory()) {
        string("directory");
        for (Entry entry : sortedEntries(path)) {
          string("entry");
          string("(");
          string("name");
          string(entry.name);
          string("node");
          node(entry.path);
          string(")");
        }
      } else if (attrs.isRegularFile()) {
        string("regular");
        if (isExecutable(path)) {
          string("executable");
          string("");
        }
        string("contents");
        contents(path, attrs.size());
      } else {
        throw new UnsupportedFileTypeException(path, FileTypes.describeSpecial(path));
      }
      string(")");
    }

    private void contents(Path path, long size) {
      number(size);
      long remaining = size;
      try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
        ByteBuffer view = ByteBuffer.wrap(buffer);
        while (remaining > 0) {
          view.clear();
          view.limit((int) Math.min(buffer.length, remaining));
          int read = channel.read(view);
          if (read < 0) {
            throw new IOException("the file shrank while it was being archived");
          }
          raw(buffer, 0, read);
          remaining -= read;
        }
        if (channel.read(ByteBuffer.wrap(buffer, 0, 1)) > 0) {
          throw new IOException("the file grew while it was being archived");
        }
      } catch (IOException e) {
        throw new StoreIoException(path, "archive", e);
      }
      pad(size);
    }

    void string(String s) {
      string(utf8(s));
    }

    void string(byte[] bytes) {
      number(bytes.length);
      raw(bytes, 0, bytes.length);
      pad(bytes.length);
    }

    private void number(long value) {
      byte[] le = new byte[8];
      for (int i = 0; i < 8; i++) {
        le[i] = (byte) (value >>> (8 * i));
      }
      raw(le, 0, 8);
    }

    private void pad(long length) {
      int rest = (int) (length % 8);
      if (rest != 0) {
        raw(PADDING, 0, 8 - rest);
      }
    }

    private void raw(byte[] bytes, int off, int len) {
      try {
        out.write(bytes, off, len);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private record Entry(byte[] name, Path path) {}

  private static List<Entry> sortedEntries(Path dir) {
    List<Entry> entries = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      for (Path child : stream) {
        entries.add(new Entry(utf8(child.getFileName().toString()), child));
      }
    } catch (IOException e) {
      throw new StoreIoException(dir, "list the directory", e);
    }
    // Nix sorts names as std::string, i.e. by unsigned bytes.
    entries.sort((a, b) -> Arrays.compareUnsigned(a.name, b.name));
    return entries;
  }

  private static BasicFileAttributes readAttributes(Path path) {
    try {
      return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw new StoreIoException(path, "read the attributes of", e);
    }
  }

  private static Path readLink(Path path) {
    try {
      return Files.readSymbolicLink(path);
    } catch (IOException e) {
      throw new StoreIoException(path, "read the symbolic link", e);
    }
  }

  static boolean isExecutable(Path path) {
    try {
      return Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS)
          .contains(PosixFilePermission.OWNER_EXECUTE);
    } catch (IOException e) {
      throw new StoreIoException(path, "read the permissions of", e);
    }
  }
}
