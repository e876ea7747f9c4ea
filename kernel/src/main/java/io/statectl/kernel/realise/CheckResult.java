package io.statectl.kernel.realise;

import io.statectl.kernel.store.StorePath;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of rebuilding a derivation to compare with its registered output.
 *
 * @param derivation the {@code .drv}
 * @param output the output compared
 * @param difference the first differing file and how, empty when the rebuild is identical
 */
public record CheckResult(StorePath derivation, StorePath output, Optional<String> difference) {
  public CheckResult {
    Objects.requireNonNull(derivation, "derivation");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(difference, "difference");
  }

  public boolean deterministic() {
    return difference.isEmpty();
  }
}
