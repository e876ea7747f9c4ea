package io.statectl.kernel.cache;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * An Ed25519 secret key in Nix's format, {@code <name>:<base64 of 64 bytes>}: the 32-byte seed
 * followed by the 32-byte public key (libsodium's layout, which {@code nix-store
 * --generate-binary-cache-key} writes). Signs with BouncyCastle's Ed25519: the JDK's takes about
 * 1 ms a signature, ten times as long, and a push signs every path.
 *
 * @param name the key's name, written before the colon of every signature it makes
 * @param seed the 32-byte private seed
 * @param publicKey the matching public key
 */
public record SigningKey(String name, byte[] seed, TrustedKey publicKey) {
  public SigningKey {
    TrustedKey.checkName(name, "secret key");
    if (seed == null || seed.length != 32) {
      throw new InvalidKeyException(name, "an Ed25519 seed has 32 bytes", "generate one with `statectl cache keygen`");
    }
    seed = seed.clone();
  }

  @Override
  public byte[] seed() {
    return seed.clone();
  }

  /** Generates a fresh key named {@code name}. */
  public static SigningKey generate(String name) {
    Ed25519PrivateKeyParameters secret = new Ed25519PrivateKeyParameters(new SecureRandom());
    return new SigningKey(name, secret.getEncoded(), new TrustedKey(name, secret.generatePublicKey().getEncoded()));
  }

  /**
   * Parses {@code <name>:<base64 of 64 bytes>}; {@code source} names where it came from in errors.
   *
   * @throws InvalidKeyException if it is not such a key
   */
  public static SigningKey parse(String text, String source) {
    String trimmed = text.strip();
    int colon = trimmed.indexOf(':');
    if (colon <= 0) {
      throw new InvalidKeyException(source, "expected <name>:<base64>, found no name before a ':'",
          "generate one with `statectl cache keygen` or `nix-store --generate-binary-cache-key`");
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(trimmed.substring(colon + 1));
    } catch (IllegalArgumentException e) {
      throw new InvalidKeyException(source, "the part after ':' is not base64", "use the secret key file as written by keygen");
    }
    if (bytes.length != 64) {
      throw new InvalidKeyException(source, "a secret key has 64 bytes, this one " + bytes.length
          + (bytes.length == 32 ? " (is it the public key?)" : ""), "pass the secret key file, not the public one");
    }
    String name = trimmed.substring(0, colon);
    SigningKey key = new SigningKey(name, Arrays.copyOf(bytes, 32),
        new TrustedKey(name, Arrays.copyOfRange(bytes, 32, 64)));
    if (!key.publicKey().verify(key.sign("statectl key self-check".getBytes(StandardCharsets.UTF_8)),
        "statectl key self-check".getBytes(StandardCharsets.UTF_8))) {
      throw new InvalidKeyException(source, "its public half does not match its seed", "the file is corrupt; generate a new key");
    }
    return key;
  }

  /**
   * Reads a secret key file, refusing one that others may read.
   *
   * @throws InvalidKeyException if missing, unreadable, group/world-readable or malformed
   */
  public static SigningKey read(Path file) {
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
      if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)) {
        throw new InvalidKeyException(file.toString(), "the secret key is readable by group or others",
            "chmod 600 " + file);
      }
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw new InvalidKeyException(file.toString(), "cannot read it (" + e.getMessage() + ")",
          "pass an existing secret key file; `statectl cache keygen` makes one");
    } catch (UnsupportedOperationException e) {
      return parse(readQuietly(file), file.toString());
    }
  }

  private static String readQuietly(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InvalidKeyException(file.toString(), "cannot read it (" + e.getMessage() + ")", "pass an existing file");
    }
  }

  /** Returns the Nix text form {@code <name>:<base64 of seed ‖ public key>}. */
  public String render() {
    byte[] all = new byte[64];
    System.arraycopy(seed, 0, all, 0, 32);
    System.arraycopy(publicKey.bytes(), 0, all, 32, 32);
    return name + ":" + Base64.getEncoder().encodeToString(all);
  }

  /** Returns the Ed25519 signature of {@code message}. */
  public byte[] sign(byte[] message) {
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, new Ed25519PrivateKeyParameters(seed, 0));
    signer.update(message, 0, message.length);
    return signer.generateSignature();
  }

  /** Returns the signature of {@code fingerprint}, as a narinfo's {@code Sig} holds it. */
  public Signature signFingerprint(String fingerprint) {
    return new Signature(name, sign(fingerprint.getBytes(StandardCharsets.UTF_8)));
  }

  @Override
  public String toString() {
    return "SigningKey[" + name + "]"; // never print the seed
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SigningKey k && k.name.equals(name) && Arrays.equals(k.seed, seed);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + new BigInteger(1, seed).hashCode();
  }
}
