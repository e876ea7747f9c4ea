package io.statectl.kernel.store;

import java.io.OutputStream;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * An output sink that finds the hash parts of known store paths in the bytes written to it, the
 * way Nix's reference scanner does: every window of 32 nix-base32 characters is a candidate, and
 * a candidate that resolves to a store path is a reference.
 *
 * <p>Fed the NAR of a tree, it sees file contents, symlink targets and entry names in one pass.
 * The search skips ahead on any non-base32 byte (checking each window from its end), so ordinary
 * data is scanned at close to memory speed; windows crossing write boundaries are kept by
 * carrying the last 31 bytes over. Not thread-safe.
 */
final class ReferenceScanner extends OutputStream {
  private static final int WINDOW = StorePath.HASH_LENGTH;
  private static final int CHUNK = 64 * 1024;
  // Lookups are memoised, but a pathological input (megabytes of random base32) must not turn
  // the memo into a memory leak; past this many entries we simply look up again.
  private static final int MEMO_LIMIT = 100_000;
  private static final boolean[] IS_DIGIT = new boolean[256];

  static {
    for (int c = 0; c < 256; c++) {
      IS_DIGIT[c] = NixBase32.isDigit(c);
    }
  }

  private final Function<String, Optional<StorePath>> resolve;
  private final Map<String, Optional<StorePath>> memo = new HashMap<>();
  private final SortedSet<StorePath> found = new TreeSet<>();
  private final byte[] buffer = new byte[WINDOW - 1 + CHUNK];
  private int filled;

  /**
   * Creates a scanner.
   *
   * @param resolve maps a 32-character hash part to the valid store path with it, if any
   */
  ReferenceScanner(Function<String, Optional<StorePath>> resolve) {
    this.resolve = resolve;
  }

  @Override
  public void write(int b) {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] bytes, int off, int len) {
    while (len > 0) {
      int n = Math.min(len, buffer.length - filled);
      System.arraycopy(bytes, off, buffer, filled, n);
      filled += n;
      off += n;
      len -= n;
      if (filled == buffer.length) {
        scanAndCarry();
      }
    }
  }

  /** Returns the store paths found in everything written so far, in order. */
  SortedSet<StorePath> references() {
    scanAndCarry();
    return Collections.unmodifiableSortedSet(new TreeSet<>(found));
  }

  private void scanAndCarry() {
    search(buffer, filled);
    int carry = Math.min(WINDOW - 1, filled);
    System.arraycopy(buffer, filled - carry, buffer, 0, carry);
    filled = carry;
  }

  private void search(byte[] s, int length) {
    int i = 0;
    while (i + WINDOW <= length) {
      int j = WINDOW - 1;
      while (j >= 0 && IS_DIGIT[s[i + j] & 0xff]) {
        j--;
      }
      if (j >= 0) {
        // s[i + j] cannot be in any hash, so no window starting at or before it matches.
        i += j + 1;
        continue;
      }
      check(new String(s, i, WINDOW, java.nio.charset.StandardCharsets.US_ASCII));
      i++;
    }
  }

  private void check(String candidate) {
    Optional<StorePath> hit = memo.get(candidate);
    if (hit == null) {
      hit = resolve.apply(candidate);
      if (memo.size() < MEMO_LIMIT) {
        memo.put(candidate, hit);
      }
    }
    hit.ifPresent(found::add);
  }
}
