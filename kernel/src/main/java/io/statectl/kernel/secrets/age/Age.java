package io.statectl.kernel.secrets.age;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The age v1 file format (age-encryption.org/v1): encrypt to recipients, decrypt with
 * identities. Stateless and thread-safe. Files are handled in memory: secrets are small.
 */
public final class Age {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Age() {}

  /** Encrypts to every recipient (at least one), binary or armored. */
  public static byte[] encrypt(byte[] plaintext, List<? extends Recipient> recipients, ArmorChoice armor) {
    if (recipients.isEmpty()) {
      throw new IllegalArgumentException("no recipients");
    }
    byte[] fileKey = new byte[16];
    RANDOM.nextBytes(fileKey);
    try {
      List<Stanza> stanzas = new ArrayList<>();
      for (Recipient r : recipients) {
        stanzas.add(r.wrap(fileKey));
      }
      byte[] maced = Header.encodeWithoutMac(stanzas);
      byte[] mac = Hkdf.hmac(Hkdf.derive(fileKey, new byte[0], "header", 32), maced);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.writeBytes(maced);
      out.writeBytes(Header.macLine(mac));
      out.writeBytes(Payload.encrypt(fileKey, plaintext));
      byte[] binary = out.toByteArray();
      return armor == ArmorChoice.ARMORED ? Armor.encode(binary) : binary;
    } finally {
      Arrays.fill(fileKey, (byte) 0);
    }
  }

  /**
   * Decrypts a binary or armored file (detected). Fails with {@link AgeException} naming the
   * stage: armor, header, no matching identity, header MAC, payload.
   */
  public static byte[] decrypt(byte[] file, List<? extends Identity> identities) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      decrypt(file, identities, out);
      return out.toByteArray();
    } catch (RuntimeException e) {
      byte[] partial = out.toByteArray();
      Arrays.fill(partial, (byte) 0);
      throw e;
    }
  }

  /**
   * Decrypts to {@code out}, chunk by authenticated chunk: on a payload failure, what was written
   * before it stays written (the caller discards it).
   */
  public static void decrypt(byte[] file, List<? extends Identity> identities, OutputStream out) {
    byte[] binary = Armor.isArmored(file) ? Armor.decode(file) : file;
    Header header = Header.parse(binary);
    byte[] fileKey = fileKey(header, identities);
    try {
      byte[] mac = Hkdf.hmac(Hkdf.derive(fileKey, new byte[0], "header", 32), header.macedBytes());
      if (!java.security.MessageDigest.isEqual(mac, header.mac())) {
        throw new AgeException(AgeException.Failure.HEADER_MAC, "input", "");
      }
      Payload.decrypt(fileKey, binary, header.length(), out);
    } finally {
      Arrays.fill(fileKey, (byte) 0);
    }
  }

  /** The recipient stanzas' types and arguments, without decrypting (for messages). */
  public static List<Stanza> stanzas(byte[] file) {
    byte[] binary = Armor.isArmored(file) ? Armor.decode(file) : file;
    return Header.parse(binary).stanzas();
  }

  private static byte[] fileKey(Header header, List<? extends Identity> identities) {
    boolean scrypt = header.stanzas().stream().anyMatch(s -> s.type().equals("scrypt"));
    if (scrypt && header.stanzas().size() > 1) {
      throw Header.failure("an scrypt stanza must be alone in the header");
    }
    for (Identity identity : identities) {
      for (Stanza stanza : header.stanzas()) {
        Optional<byte[]> key = identity.unwrap(stanza);
        if (key.isPresent()) {
          if (key.get().length != 16) {
            throw Header.failure("the unwrapped file key is not 16 bytes");
          }
          return key.get();
        }
      }
    }
    throw new AgeException(AgeException.Failure.NO_MATCH, "input",
        "it is encrypted to " + header.stanzas().size() + " recipient stanza(s)");
  }
}
