package io.statectl.events;

import java.util.Objects;
import org.axonframework.serialization.Revision;

/**
 * A node's deploy stopped before its new generation was confirmed, in the deploying machine's log.
 *
 * @param profile the aggregate: {@code deploy:<node>}
 * @param stage where it stopped: {@code build}, {@code secrets} (the node cannot open its host's secrets), {@code copy}, {@code activate} or {@code confirm}
 * @param code the error code, e.g. {@code STC-E180}
 * @param reason the message shown to the user
 */
@Revision("1")
public record DeployFailed(String profile, String node, String stage, String code, String reason)
    implements StatectlEvent {
  public DeployFailed {
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(reason, "reason");
  }
}
