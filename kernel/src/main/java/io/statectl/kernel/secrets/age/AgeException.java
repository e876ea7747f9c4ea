package io.statectl.kernel.secrets.age;

import io.statectl.kernel.ErrorCode;
import io.statectl.kernel.KernelException;
import java.util.Objects;

/**
 * An age file could not be decrypted: which stage refused it ({@link Failure}) and which file it
 * was. The message never contains plaintext or key material.
 */
public final class AgeException extends KernelException {
  private static final long serialVersionUID = 1L;

  /** The stage that refused the file, mirroring the classes of the age test vectors. */
  public enum Failure {
    /** The ASCII armor is not strict PEM ("-----BEGIN AGE ENCRYPTED FILE-----"). */
    ARMOR("not a valid ASCII-armored age file"),
    /** The header (version line, stanzas, MAC line) does not parse, or a stanza is malformed. */
    HEADER("the age header is malformed"),
    /** The header parses but none of the given identities can unwrap any stanza. */
    NO_MATCH("none of the identities can decrypt it"),
    /** A file key was unwrapped but the header MAC does not match: the header was changed. */
    HEADER_MAC("the header MAC does not match (the file was tampered with or damaged)"),
    /** The payload does not authenticate all the way to its end: truncated, tampered or extended. */
    PAYLOAD("the payload MAC does not verify (the file is truncated, tampered with or damaged)");

    private final String meaning;

    Failure(String meaning) {
      this.meaning = meaning;
    }

    public String meaning() {
      return meaning;
    }
  }

  private final Failure failure;
  private final String source;
  private final String detail;

  public AgeException(Failure failure, String source, String detail) {
    super(source + ": " + failure.meaning() + (detail.isEmpty() ? "" : " (" + detail + ")"));
    this.failure = Objects.requireNonNull(failure);
    this.source = Objects.requireNonNull(source);
    this.detail = Objects.requireNonNull(detail);
  }

  /** The same failure, now naming the file it happened in. */
  public AgeException in(String file) {
    return new AgeException(failure, file, detail);
  }

  public Failure failure() {
    return failure;
  }

  /** The file (or "input") that failed. */
  public String source() {
    return source;
  }

  @Override
  public ErrorCode code() {
    return failure == Failure.NO_MATCH ? ErrorCode.SECRET_NOT_FOR_HOST : ErrorCode.SECRET_DAMAGED;
  }
}
