package io.statectl.kernel.inputs;

import io.statectl.kernel.store.Hash;
import java.util.Objects;
import java.util.Optional;

/**
 * One input as {@code statectl.lock} pins it: the source it was pinned for, the commit (git inputs,
 * and path inputs inside a git work tree) and the NAR hash of its tree, which also fixes its store path.
 */
public record LockedInput(String name, InputSource source, Optional<String> commit, Hash narHash) {
  public LockedInput {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(commit, "commit");
    Objects.requireNonNull(narHash, "narHash");
    if (source instanceof InputSource.Git && commit.isEmpty()) {
      throw new IllegalArgumentException("a git input is pinned by its commit");
    }
  }

  /** The commit abbreviated to 7 characters, else the NAR hash's first 12 base-32 characters. */
  public String shortPin() {
    return commit.map(c -> c.substring(0, Math.min(7, c.length())))
        .orElseGet(() -> narHash.toBase32().substring(0, 12));
  }
}
