package io.statectl.kernel.cache;

import io.statectl.kernel.ErrorCode;

/**
 * A NAR archive that is malformed or unsafe to unpack: a bad entry name, unsorted or duplicate
 * entries, a symlink leaving the store, a truncated stream or more bytes than announced. The
 * unpacker has removed everything it wrote when this is thrown.
 */
public final class InvalidNarException extends CacheException {
  private static final long serialVersionUID = 1L;
  private final String entry;
  private final long offset;

  /**
   * @param entry the entry's path inside the archive ({@code /} for the root)
   * @param offset the byte offset in the archive where the problem was found
   * @param problem what is wrong
   */
  public InvalidNarException(String entry, long offset, String problem) {
    super("invalid NAR archive at entry '" + entry + "' (byte " + offset + "): " + problem);
    this.entry = entry;
    this.offset = offset;
  }

  public String entry() {
    return entry;
  }

  public long offset() {
    return offset;
  }

  @Override
  public ErrorCode code() {
    return ErrorCode.NAR_INVALID;
  }
}
