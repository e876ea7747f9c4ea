package io.statectl.kernel.store;

import io.statectl.api.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A SHA-256 digest: the identity of archive contents and the input of store path computation.
 *
 * <p>The canonical text form is {@code sha256:<nix-base32>} (52 characters after the colon), as
 * Nix prints NAR hashes; {@link #parse} also accepts hex and SRI ({@code sha256-<base64>}). The
 * bytes are copied in and out, so a {@code Hash} is immutable.
 */
public record Hash(byte[] bytes) {
  /** The only algorithm, named as in the text forms. */
  public static final String ALGORITHM = "sha256";

  /** Length of a SHA-256 digest in bytes. */
  public static final int SIZE = 32;

  private static final String PREFIX = ALGORITHM + ":";
  private static final String SRI_PREFIX = ALGORITHM + "-";

  public Hash {
    if (bytes == null) {
      throw new InvalidHashException("null", "no bytes given");
    }
    if (bytes.length != SIZE) {
      throw new InvalidHashException(
          bytes.length + " bytes", "a SHA-256 digest has " + SIZE + " bytes");
    }
    bytes = bytes.clone();
  }

  /** Returns the SHA-256 of {@code content}. */
  public static Hash of(byte[] content) {
    return new Hash(newDigest().digest(content));
  }

  /** Returns the SHA-256 of the UTF-8 encoding of {@code content}. */
  public static Hash of(String content) {
    return of(content.getBytes(StandardCharsets.UTF_8));
  }

  /** Returns a fresh SHA-256 {@link MessageDigest}, which every JDK must provide. */
  static MessageDigest newDigest() {
    return Sha256.newDigest();
  }

  /**
   * Parses {@code sha256:<nix-base32>}, {@code sha256:<hex>} or {@code sha256-<base64>}.
   *
   * @throws InvalidHashException if {@code text} is none of these
   */
  public static Hash parse(String text) {
    if (text.startsWith(PREFIX)) {
      String body = text.substring(PREFIX.length());
      if (body.length() == SIZE * 2) {
        try {
          return new Hash(HexFormat.of().parseHex(body));
        } catch (IllegalArgumentException e) {
          throw new InvalidHashException(text, "it is not valid hexadecimal");
        }
      }
      if (body.length() == NixBase32.encodedLength(SIZE)) {
        try {
          return new Hash(NixBase32.decode(body, SIZE));
        } catch (InvalidHashException e) {
          throw new InvalidHashException(text, "it is not valid nix-base32");
        }
      }
      throw new InvalidHashException(text, "the digest has neither 52 nor 64 characters");
    }
    if (text.startsWith(SRI_PREFIX)) {
      try {
        return new Hash(Base64.getDecoder().decode(text.substring(SRI_PREFIX.length())));
      } catch (IllegalArgumentException e) {
        throw new InvalidHashException(text, "it is not valid base64");
      }
    }
    throw new InvalidHashException(text, "it does not start with 'sha256:' or 'sha256-'");
  }

  /** Returns a copy of the digest bytes. */
  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Returns the digest in Nix's base-32 (52 characters), without algorithm prefix. */
  public String toBase32() {
    return NixBase32.encode(bytes);
  }

  /** Returns the digest in lower-case hexadecimal (64 characters), without algorithm prefix. */
  public String toHex() {
    return HexFormat.of().formatHex(bytes);
  }

  /** Returns the Subresource-Integrity form {@code sha256-<base64>}. */
  public String toSri() {
    return SRI_PREFIX + Base64.getEncoder().encodeToString(bytes);
  }

  /** Returns the canonical form {@code sha256:<nix-base32>}, which {@link #parse} reads back. */
  @Override
  public String toString() {
    return PREFIX + toBase32();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Hash that && Arrays.equals(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }
}
