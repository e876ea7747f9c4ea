package io.statectl.kernel.store;

/**
 * Encodes and decodes bytes in Nix's base-32, bit for bit as Nix does, so that our hashes and
 * store paths read and compare like Nix's.
 *
 * <p>Nix's variant is not RFC 4648: the alphabet {@code 0123456789abcdfghijklmnpqrsvwxyz} omits
 * {@code e o u t}, and the string is written from the last 5-bit group to the first, each group
 * taken little-endian from the byte array. A 32-byte SHA-256 gives 52 characters, a 20-byte store
 * path hash 32.
 */
public final class NixBase32 {
  /** Nix's alphabet; index is the digit value. */
  public static final String ALPHABET = "0123456789abcdfghijklmnpqrsvwxyz";

  private static final byte[] DIGIT_OF = new byte[128];

  static {
    java.util.Arrays.fill(DIGIT_OF, (byte) -1);
    for (int i = 0; i < ALPHABET.length(); i++) {
      DIGIT_OF[ALPHABET.charAt(i)] = (byte) i;
    }
  }

  private NixBase32() {}

  /** Returns the number of characters that encode {@code byteCount} bytes. */
  public static int encodedLength(int byteCount) {
    return byteCount == 0 ? 0 : (byteCount * 8 - 1) / 5 + 1;
  }

  /** Returns whether {@code c} is a character of Nix's base-32 alphabet. */
  public static boolean isDigit(int c) {
    return c >= 0 && c < 128 && DIGIT_OF[c] >= 0;
  }

  /** Encodes {@code bytes} as Nix does ({@code printHash32}). */
  public static String encode(byte[] bytes) {
    int length = encodedLength(bytes.length);
    StringBuilder out = new StringBuilder(length);
    for (int n = length - 1; n >= 0; n--) {
      int bit = n * 5;
      int i = bit / 8;
      int j = bit % 8;
      int low = (bytes[i] & 0xff) >>> j;
      int high = i + 1 < bytes.length ? (bytes[i + 1] & 0xff) << (8 - j) : 0;
      out.append(ALPHABET.charAt((low | high) & 0x1f));
    }
    return out.toString();
  }

  /**
   * Decodes {@code text} into exactly {@code byteCount} bytes, rejecting wrong lengths, foreign
   * characters and set bits beyond the last byte (so every byte array has one encoding).
   *
   * @throws InvalidHashException if {@code text} is not such an encoding
   */
  public static byte[] decode(String text, int byteCount) {
    if (text.length() != encodedLength(byteCount)) {
      throw new InvalidHashException(
          text,
          "a base-32 encoding of "
              + byteCount
              + " bytes has "
              + encodedLength(byteCount)
              + " characters, not "
              + text.length());
    }
    byte[] bytes = new byte[byteCount];
    int length = text.length();
    for (int n = 0; n < length; n++) {
      char c = text.charAt(length - n - 1);
      if (!isDigit(c)) {
        throw new InvalidHashException(
            text, "'" + c + "' is not in the nix-base32 alphabet " + ALPHABET);
      }
      int digit = DIGIT_OF[c];
      int bit = n * 5;
      int i = bit / 8;
      int j = bit % 8;
      bytes[i] |= (byte) (digit << j);
      int carry = digit >>> (8 - j);
      if (i + 1 < byteCount) {
        bytes[i + 1] |= (byte) carry;
      } else if (carry != 0) {
        throw new InvalidHashException(text, "it has bits set beyond the last byte");
      }
    }
    return bytes;
  }
}
