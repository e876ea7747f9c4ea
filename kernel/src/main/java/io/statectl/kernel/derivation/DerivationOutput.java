package io.statectl.kernel.derivation;

import io.statectl.kernel.store.Hash;
import io.statectl.kernel.store.StorePath;
import java.util.Objects;

/**
 * One output of a derivation: where it lands in the store and how that place was chosen. A
 * closed family.
 */
public sealed interface DerivationOutput {

  /** The store path this output is built at. */
  StorePath path();

  /** Addressed by the hash of the derivation with its inputs resolved. */
  record InputAddressed(StorePath path) implements DerivationOutput {
    public InputAddressed {
      Objects.requireNonNull(path, "path");
    }
  }

  /**
   * Addressed by its declared content: a fetch whose result must have {@code sha256} as the
   * SHA-256 of the flat file. Only these may reach the network.
   */
  record Fixed(StorePath path, Hash sha256) implements DerivationOutput {
    public Fixed {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(sha256, "sha256");
    }
  }
}
