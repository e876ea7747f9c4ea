package io.statectl.kernel.cache;

import io.statectl.kernel.store.FileTrees;
import io.statectl.kernel.store.Hash;
import io.statectl.kernel.store.NarDigest;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Unpacks a NAR stream into a new file tree, hashing it as it goes, and never writes outside
 * that tree: the inverse of {@link io.statectl.kernel.store.Nar#write}.
 *
 * <p>Refused, with an {@link InvalidNarException} naming the entry and byte offset, and with
 * everything written so far removed: a wrong magic or token, an entry name that is empty,
 * {@code .}, {@code ..}, or holds {@code /} or NUL, entries out of order or repeated (Nix sorts
 * by bytes; a repeated name could replace a directory by a symlink and redirect later writes),
 * an absolute symlink target outside the store directory, non-zero padding, a truncated stream,
 * trailing bytes, and more bytes than the announced NarSize. Entries are created with
 * {@code CREATE_NEW} below directories this unpacker made, so no write follows a symlink.
 */
public final class NarUnpacker {
  private static final int MAX_NAME = 255;
  private static final int MAX_TARGET = 4095;
  private static final int BUFFER = 64 * 1024;

  private final InputStream in;
  private final String storeDir;
  private final long limit;
  private final MessageDigest digest;
  private final byte[] buffer = new byte[BUFFER];
  private long offset;

  private NarUnpacker(InputStream in, String storeDir, long limit) {
    this.in = in;
    this.storeDir = storeDir;
    this.limit = limit;
    try {
      this.digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Unpacks the NAR read from {@code nar} to {@code target}, which must not exist, and returns the
   * SHA-256 and length of the archive bytes read.
   *
   * @param storeDir absolute symlink targets must lie below it
   * @param maxSize refuse an archive longer than this (the narinfo's NarSize)
   * @throws InvalidNarException if the archive is malformed or unsafe; {@code target} is gone then
   * @throws IOException if reading {@code nar} or writing fails; {@code target} is gone then
   */
  public static NarDigest unpack(InputStream nar, Path target, String storeDir, long maxSize) throws IOException {
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(target + " exists already");
    }
    NarUnpacker unpacker = new NarUnpacker(nar, storeDir, maxSize);
    try {
      unpacker.expect("nix-archive-1", "/");
      unpacker.node(target, "/");
      if (nar.read() >= 0) {
        throw new InvalidNarException("/", unpacker.offset, "bytes follow the end of the archive");
      }
      return new NarDigest(new Hash(unpacker.digest.digest()), unpacker.offset);
    } catch (IOException | RuntimeException e) {
      try {
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
          FileTrees.deleteRecursively(target);
        }
      } catch (RuntimeException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  private void node(Path path, String entry) throws IOException {
    expect("(", entry);
    expect("type", entry);
    String type = token(entry, 16);
    switch (type) {
      case "regular" -> regular(path, entry);
      case "symlink" -> symlink(path, entry);
      case "directory" -> directory(path, entry);
      default -> throw new InvalidNarException(entry, offset, "unknown node type '" + type + "'");
    }
  }

  private void regular(Path path, String entry) throws IOException {
    String next = token(entry, 16);
    boolean executable = false;
    if (next.equals("executable")) {
      expect("", entry);
      executable = true;
      next = token(entry, 16);
    }
    if (!next.equals("contents")) {
      throw new InvalidNarException(entry, offset, "expected 'contents', found '" + next + "'");
    }
    long size = number(entry);
    checkRoom(size, entry);
    try (OutputStream out = Files.newOutputStream(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      long remaining = size;
      while (remaining > 0) {
        int n = (int) Math.min(buffer.length, remaining);
        readFully(buffer, n, entry);
        out.write(buffer, 0, n);
        remaining -= n;
      }
    }
    padding(size, entry);
    if (executable) {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("r-xr-xr-x"));
    }
    expect(")", entry);
  }

  private void symlink(Path path, String entry) throws IOException {
    expect("target", entry);
    byte[] raw = string(entry, MAX_TARGET);
    String target = new String(raw, StandardCharsets.UTF_8);
    if (raw.length == 0 || indexOf(raw, (byte) 0) >= 0) {
      throw new InvalidNarException(entry, offset, "symlink target is empty or holds a NUL byte");
    }
    if (target.startsWith("/")) {
      Path normal = Paths.get(target).normalize();
      if (!normal.startsWith(Paths.get(storeDir)) || normal.equals(Paths.get(storeDir))) {
        throw new InvalidNarException(entry, offset, "symlink target " + target + " is absolute and outside the store "
            + storeDir);
      }
    }
    Files.createSymbolicLink(path, Paths.get(target));
    expect(")", entry);
  }

  private void directory(Path path, String entry) throws IOException {
    Files.createDirectory(path);
    byte[] previous = null;
    while (true) {
      String next = token(entry, 16);
      if (next.equals(")")) {
        return;
      }
      if (!next.equals("entry")) {
        throw new InvalidNarException(entry, offset, "expected 'entry' or ')', found '" + next + "'");
      }
      expect("(", entry);
      expect("name", entry);
      byte[] name = string(entry, MAX_NAME);
      String text = new String(name, StandardCharsets.UTF_8);
      String child = entry.equals("/") ? "/" + text : entry + "/" + text;
      if (name.length == 0 || text.equals(".") || text.equals("..") || indexOf(name, (byte) '/') >= 0
          || indexOf(name, (byte) 0) >= 0) {
        throw new InvalidNarException(child, offset, "entry name '" + printable(text)
            + "' is empty, '.', '..', or holds '/' or NUL");
      }
      if (previous != null) {
        int order = Arrays.compareUnsigned(previous, name);
        if (order == 0) {
          throw new InvalidNarException(child, offset, "entry name appears twice in its directory");
        }
        if (order > 0) {
          throw new InvalidNarException(child, offset, "entries are not sorted (it comes after '"
              + printable(new String(previous, StandardCharsets.UTF_8)) + "')");
        }
      }
      previous = name;
      expect("node", child);
      node(path.resolve(text), child);
      expect(")", child);
    }
  }

  private static String printable(String s) {
    return s.replace("\0", "\\0");
  }

  private static int indexOf(byte[] bytes, byte b) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }

  private void expect(String wanted, String entry) throws IOException {
    String found = token(entry, Math.max(16, wanted.length()));
    if (!found.equals(wanted)) {
      throw new InvalidNarException(entry, offset, "expected '" + wanted + "', found '" + printable(found) + "'");
    }
  }

  private String token(String entry, int max) throws IOException {
    return new String(string(entry, max), StandardCharsets.UTF_8);
  }

  private byte[] string(String entry, int max) throws IOException {
    long length = number(entry);
    if (length > max) {
      throw new InvalidNarException(entry, offset, "a string of " + length + " bytes where at most " + max + " fit");
    }
    byte[] bytes = new byte[(int) length];
    readFully(bytes, bytes.length, entry);
    padding(length, entry);
    return bytes;
  }

  private long number(String entry) throws IOException {
    byte[] le = new byte[8];
    readFully(le, 8, entry);
    long value = 0;
    for (int i = 7; i >= 0; i--) {
      value = (value << 8) | (le[i] & 0xff);
    }
    if (value < 0) {
      throw new InvalidNarException(entry, offset, "a length beyond 2^63");
    }
    return value;
  }

  private void padding(long length, String entry) throws IOException {
    int rest = (int) (length % 8);
    if (rest != 0) {
      byte[] pad = new byte[8 - rest];
      readFully(pad, pad.length, entry);
      for (byte b : pad) {
        if (b != 0) {
          throw new InvalidNarException(entry, offset, "non-zero padding");
        }
      }
    }
  }

  private void checkRoom(long size, String entry) {
    if (offset + size > limit) {
      throw new InvalidNarException(entry, offset, "the archive is longer than its NarSize of " + limit + " bytes");
    }
  }

  private void readFully(byte[] into, int length, String entry) throws IOException {
    checkRoom(length, entry);
    int done = 0;
    while (done < length) {
      int n;
      try {
        n = in.read(into, done, length - done);
      } catch (EOFException e) {
        n = -1;
      }
      if (n < 0) {
        throw new InvalidNarException(entry, offset + done, "the stream ends early (truncated archive)");
      }
      done += n;
    }
    digest.update(into, 0, length);
    offset += length;
  }
}
