package io.statectl.kernel.cache;

import io.statectl.kernel.ErrorCode;
import io.statectl.kernel.store.StorePath;

/**
 * A substitute that was downloaded (or offered) but refused; nothing of it was kept. Carries the
 * path asked for, the substituter and the reason.
 */
public final class SubstitutionRefusedException extends CacheException {
  private static final long serialVersionUID = 1L;

  /** Why a substitute is refused. */
  public enum Reason {
    /** No signature, or none by a trusted key, while signatures are required. */
    UNTRUSTED,
    /** NarHash, NarSize or FileHash differ from what was received. */
    MISMATCH,
    /** A reference is not valid after its own substitution. */
    REFERENCE_MISSING,
    /** The NAR is malformed or unsafe to unpack ({@link InvalidNarException}). */
    UNSAFE_ARCHIVE
  }

  private final StorePath path;
  private final String substituter;
  private final Reason reason;

  public SubstitutionRefusedException(StorePath path, String substituter, Reason reason, String problem) {
    super("refused the substitute of " + path + " from " + substituter + ": " + problem
        + "\n  hint: " + hint(reason) + "; nothing of it was kept");
    this.path = path;
    this.substituter = substituter;
    this.reason = reason;
  }

  private static String hint(Reason reason) {
    return switch (reason) {
      case UNTRUSTED -> "add the cache's public key to store.trustedPublicKeys, or sign the cache with a trusted key";
      case MISMATCH -> "the cache is corrupt or was tampered with; re-push the path";
      case REFERENCE_MISSING -> "push the whole closure to the cache";
      case UNSAFE_ARCHIVE -> "the cache serves a corrupt or hostile archive; do not use it";
    };
  }

  public StorePath path() {
    return path;
  }

  public String substituter() {
    return substituter;
  }

  public Reason reason() {
    return reason;
  }

  @Override
  public ErrorCode code() {
    return switch (reason) {
      case UNTRUSTED -> ErrorCode.SUBSTITUTE_UNTRUSTED;
      case MISMATCH, REFERENCE_MISSING -> ErrorCode.SUBSTITUTE_MISMATCH;
      case UNSAFE_ARCHIVE -> ErrorCode.NAR_INVALID;
    };
  }
}
