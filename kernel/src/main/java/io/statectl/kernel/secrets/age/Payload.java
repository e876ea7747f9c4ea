package io.statectl.kernel.secrets.age;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;

/**
 * The age payload: a 16-byte nonce, then the STREAM construction over ChaCha20-Poly1305 in 64 KiB
 * chunks, each nonce an 11-byte big-endian counter and a last-chunk flag.
 */
final class Payload {
  static final int CHUNK = 64 * 1024;
  static final int NONCE = 16;
  private static final SecureRandom RANDOM = new SecureRandom();

  private Payload() {}

  static byte[] encrypt(byte[] fileKey, byte[] plaintext) {
    byte[] nonce = new byte[NONCE];
    RANDOM.nextBytes(nonce);
    byte[] key = Hkdf.derive(fileKey, nonce, "payload", 32);
    ByteArrayOutputStream out = new ByteArrayOutputStream(plaintext.length + NONCE + 32);
    out.writeBytes(nonce);
    long counter = 0;
    int pos = 0;
    do {
      int n = Math.min(CHUNK, plaintext.length - pos);
      boolean last = pos + n == plaintext.length;
      out.writeBytes(ChaChaPoly.seal(key, chunkNonce(counter++, last),
          Arrays.copyOfRange(plaintext, pos, pos + n)));
      pos += n;
    } while (pos < plaintext.length);
    return out.toByteArray();
  }

  /**
   * Decrypts the payload starting at {@code offset}, writing each chunk to {@code out} only after it
   * authenticated; a failure leaves the chunks before it written.
   */
  static void decrypt(byte[] fileKey, byte[] file, int offset, OutputStream out) {
    if (file.length - offset < NONCE) {
      throw Header.failure("the payload nonce is missing or short");
    }
    byte[] key = Hkdf.derive(fileKey, Arrays.copyOfRange(file, offset, offset + NONCE), "payload", 32);
    int pos = offset + NONCE;
    long counter = 0;
    if (pos == file.length) {
      throw failure("the payload has no chunk").get();
    }
    while (pos < file.length) {
      int remaining = file.length - pos;
      if (remaining < ChaChaPoly.TAG) {
        throw failure("chunk " + counter + " is shorter than its tag").get();
      }
      int n = Math.min(remaining, CHUNK + ChaChaPoly.TAG);
      boolean full = n == CHUNK + ChaChaPoly.TAG;
      // a full chunk may be a middle or the last one; a short one can only be the last
      Optional<byte[]> middle = full
          ? ChaChaPoly.open(key, chunkNonce(counter, false), file, pos, n)
          : Optional.empty();
      if (middle.isPresent()) {
        write(out, middle.get());
        pos += n;
        counter++;
        continue;
      }
      byte[] last = ChaChaPoly.open(key, chunkNonce(counter, true), file, pos, n)
          .orElseThrow(failure("chunk " + (counter) + " does not authenticate"));
      if (last.length == 0 && counter > 0) {
        throw failure("the last chunk is empty").get();
      }
      write(out, last);
      if (pos + n != file.length) {
        throw failure("data follows the last chunk").get();
      }
      return;
    }
    throw failure("the file ends without a last chunk (truncated)").get();
  }

  private static void write(OutputStream out, byte[] chunk) {
    try {
      out.write(chunk);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      Arrays.fill(chunk, (byte) 0);
    }
  }

  private static byte[] chunkNonce(long counter, boolean last) {
    byte[] n = new byte[12];
    for (int i = 0; i < 8; i++) {
      n[10 - i] = (byte) (counter >>> (8 * i));
    }
    n[11] = (byte) (last ? 1 : 0);
    return n;
  }

  private static java.util.function.Supplier<AgeException> failure(String detail) {
    return () -> new AgeException(AgeException.Failure.PAYLOAD, "input", detail);
  }
}
