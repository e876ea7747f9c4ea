package io.statectl.shell.engine.deploy;

import java.util.Objects;
import java.util.Optional;

/**
 * How one node's deploy ended: a value, so that one node failing never stops the others.
 *
 * @param previous the node's generation before (0: none or unknown)
 * @param generation the node's generation active afterwards (0: unknown)
 * @param error the error code and message when the node failed or reverted
 */
record NodeResult(String node, String host, Outcome outcome, int previous, int generation, int paths, long bytes,
    long millis, Optional<Error> error) {

  enum Outcome { OK, UNCHANGED, REVERTED, FAILED }

  record Error(String code, String stage, String message) {
    Error {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(stage, "stage");
      Objects.requireNonNull(message, "message");
    }
  }

  NodeResult {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(error, "error");
  }

  String word() {
    return outcome.name().toLowerCase(java.util.Locale.ROOT);
  }
}
