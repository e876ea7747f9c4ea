package io.statectl.events;

import java.util.List;
import java.util.Objects;
import org.axonframework.serialization.Revision;

/**
 * A derivation's outputs were built, checked and registered in the store.
 *
 * @param profile the aggregate of this build: {@code build:<drv base name>}
 * @param derivation absolute store path of the {@code .drv}
 * @param outputs absolute store paths registered
 * @param millis wall-clock duration of the build
 * @param log file holding the compressed build log
 * @param unsandboxed the builder ran without the sandbox ({@code --no-sandbox}, {@code
 *     store.sandbox = false}, or no bubblewrap): its outputs may depend on the host. Written only
 *     when true, so events before it existed read as sandboxed and need no upcaster
 */
@Revision("1")
public record BuildSucceeded(String profile, String derivation, List<String> outputs, long millis, String log,
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_DEFAULT)
    boolean unsandboxed)
    implements StatectlEvent {
  public BuildSucceeded(String profile, String derivation, List<String> outputs, long millis, String log) {
    this(profile, derivation, outputs, millis, log, false);
  }

  public BuildSucceeded {
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(derivation, "derivation");
    Objects.requireNonNull(log, "log");
    outputs = List.copyOf(outputs);
  }
}
