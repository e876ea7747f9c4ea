package io.statectl.kernel.config;

/** The bytes and executable bit of one repository file, as evaluation read it. */
public record RepositoryFileSnapshot(byte[] bytes, boolean executable) {
  public RepositoryFileSnapshot {
    bytes = bytes.clone();
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }
}
