package io.statectl.kernel.store;

import java.util.Objects;

/**
 * The SHA-256 and byte length of a tree's NAR serialisation: what a store records to verify a
 * path's contents later.
 *
 * @param narHash SHA-256 of the NAR bytes
 * @param narSize number of NAR bytes
 */
public record NarDigest(Hash narHash, long narSize) {
  public NarDigest {
    Objects.requireNonNull(narHash, "narHash");
    if (narSize < 0) {
      throw new IllegalArgumentException("narSize must not be negative: " + narSize);
    }
  }
}
