package io.statectl.events;

import java.util.Objects;
import org.axonframework.serialization.Revision;

/**
 * The deployer began deploying a node of {@code deploy.nodes}: recorded in the deploying machine's
 * log, one per node and run.
 *
 * @param profile the aggregate: {@code deploy:<node>}
 * @param node the node's name in {@code deploy.nodes}
 * @param host the host configuration it gets ({@code hosts/<host>.toml})
 * @param destination where ssh goes: {@code [user@]hostname[:port]}
 */
@Revision("1")
public record DeployStarted(String profile, String node, String host, String destination) implements StatectlEvent {
  public DeployStarted {
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(destination, "destination");
  }
}
