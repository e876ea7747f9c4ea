package io.statectl.kernel.store;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.TreeSet;

/**
 * The name of an entry directly under the store directory, {@code <hash>-<name>}: a 160-bit
 * digest in 32 nix-base32 characters, a dash, and a human-readable name.
 *
 * <p>Instances are always valid (checked in the constructor), and compare by their string form,
 * which is the order Nix uses. Whether a path is <em>valid in a store</em> (registered) is a
 * separate question answered by {@link PathIndex}.
 *
 * @param hash the 32-character hash part
 * @param name the name part, {@code [A-Za-z0-9+._?=-]+}, not starting with '.', at most {@value
 *     #MAX_NAME_LENGTH} characters
 */
public record StorePath(String hash, String name) implements Comparable<StorePath> {
  /** Length of the hash part in bytes (160 bits, as Nix). */
  public static final int HASH_BYTES = 20;

  /** Length of the hash part in characters. */
  public static final int HASH_LENGTH = 32;

  /** Longest allowed name; Nix's limit, so that base names fit in 255-byte file names. */
  public static final int MAX_NAME_LENGTH = 211;

  public StorePath {
    if (hash == null || name == null) {
      throw new InvalidStorePathException(hash + "-" + name, "hash and name are required");
    }
    checkHash(hash);
    checkName(name);
  }

  /**
   * Parses a base name {@code <hash>-<name>} (no store directory).
   *
   * @throws InvalidStorePathException if it is not one
   */
  public static StorePath parse(String baseName) {
    if (baseName.length() < HASH_LENGTH + 2 || baseName.charAt(HASH_LENGTH) != '-') {
      throw new InvalidStorePathException(
          baseName, "expected " + HASH_LENGTH + " hash characters, a '-' and a name");
    }
    return new StorePath(baseName.substring(0, HASH_LENGTH), baseName.substring(HASH_LENGTH + 1));
  }

  /**
   * Checks that {@code name} may be the name part of a store path.
   *
   * @throws InvalidStorePathException naming the problem if it may not
   */
  public static void checkName(String name) {
    if (name.isEmpty()) {
      throw new InvalidStorePathException(name, "the name is empty");
    }
    if (name.length() > MAX_NAME_LENGTH) {
      throw new InvalidStorePathException(
          name, "the name has " + name.length() + " characters, more than " + MAX_NAME_LENGTH);
    }
    if (name.charAt(0) == '.') {
      throw new InvalidStorePathException(name, "the name starts with '.'");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "+-._?=".indexOf(c) >= 0;
      if (!ok) {
        throw new InvalidStorePathException(
            name, "the name contains '" + c + "' at position " + i);
      }
    }
  }

  /**
   * {@code raw} with every character a store path name may not contain replaced by {@code _}: the
   * one rule for turning a file name, URL or plugin id into (part of) a store name. A leading
   * {@code .} is the caller's to handle: it is allowed inside a name, not at its start.
   */
  public static String safeNameChars(String raw) {
    return raw.replaceAll("[^A-Za-z0-9+._?=-]", "_");
  }

  private static void checkHash(String hash) {
    if (hash.length() != HASH_LENGTH) {
      throw new InvalidStorePathException(
          hash, "the hash part has " + hash.length() + " characters, not " + HASH_LENGTH);
    }
    for (int i = 0; i < hash.length(); i++) {
      if (!NixBase32.isDigit(hash.charAt(i))) {
        throw new InvalidStorePathException(
            hash, "'" + hash.charAt(i) + "' is not a nix-base32 character");
      }
    }
  }

  /**
   * Computes the path of content-addressed data, as Nix's {@code makeFixedOutputPath} does for
   * recursive (NAR) SHA-256 content: the fingerprint is {@code source[:<ref>...]:sha256:<hex of
   * narHash>:<storeDir>:<name>} where each {@code <ref>} is {@code <storeDir>/<reference>} in
   * sorted order. Without references this is {@code source:sha256:<hex>:<storeDir>:<name>}.
   *
   * @param narHash SHA-256 of the NAR serialisation of the content
   * @param references the store paths the content mentions (never itself)
   * @param storeDir absolute store directory, without trailing slash, e.g. {@code /nix/store}
   * @param name name part of the result
   */
  public static StorePath contentAddressed(
      Hash narHash, Collection<StorePath> references, String storeDir, String name) {
    StringBuilder type = new StringBuilder("source");
    for (StorePath reference : new TreeSet<>(references)) {
      type.append(':').append(storeDir).append('/').append(reference);
    }
    return inputAddressed(type.toString(), narHash, storeDir, name);
  }

  /**
   * Computes a path from a caller-given type and inner hash, as Nix's {@code makeStorePath}:
   * SHA-256 of {@code <type>:sha256:<hex of innerHash>:<storeDir>:<name>}, XOR-folded to 20
   * bytes, in nix-base32. Derivation outputs use types like {@code output:out}.
   *
   * @param type the fingerprint type, e.g. {@code output:out}, {@code text}, {@code source}
   * @param innerHash the hash the path stands for (of a derivation, or of content)
   * @param storeDir absolute store directory, without trailing slash
   * @param name name part of the result
   */
  public static StorePath inputAddressed(
      String type, Hash innerHash, String storeDir, String name) {
    checkName(name);
    if (!storeDir.startsWith("/") || (storeDir.length() > 1 && storeDir.endsWith("/"))) {
      throw new IllegalArgumentException(
          "store directory must be absolute, without trailing slash: " + storeDir);
    }
    String fingerprint =
        type + ":" + Hash.ALGORITHM + ":" + innerHash.toHex() + ":" + storeDir + ":" + name;
    byte[] full = Hash.of(fingerprint.getBytes(StandardCharsets.UTF_8)).bytes();
    return new StorePath(NixBase32.encode(compress(full, HASH_BYTES)), name);
  }

  /** Folds {@code hash} to {@code size} bytes by XOR, as Nix's {@code compressHash}. */
  static byte[] compress(byte[] hash, int size) {
    byte[] out = new byte[size];
    for (int i = 0; i < hash.length; i++) {
      out[i % size] ^= hash[i];
    }
    return out;
  }

  /** Returns the base name {@code <hash>-<name>}. */
  @Override
  public String toString() {
    return hash + "-" + name;
  }

  /** Orders by {@link #toString()}, as Nix orders store paths. */
  @Override
  public int compareTo(StorePath other) {
    return toString().compareTo(other.toString());
  }
}
