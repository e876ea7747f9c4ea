package io.statectl.kernel.realise;

import io.statectl.kernel.store.StorePath;
import java.util.Objects;

/**
 * Why one derivation failed to build: a value the realiser collects (a failure is an expected
 * outcome), turned into an exception by whoever must stop.
 *
 * @param derivation the {@code .drv}
 * @param reason what went wrong and what to do
 * @param log the compressed log, if the builder ran
 */
public record BuildFailure(StorePath derivation, String reason, java.util.Optional<java.nio.file.Path> log) {
  public BuildFailure {
    Objects.requireNonNull(derivation, "derivation");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(log, "log");
  }
}
