package io.statectl.events;

import java.util.Objects;
import org.axonframework.serialization.Revision;

/**
 * A node's deploy ended, in the deploying machine's log: activated and confirmed ({@code ok}),
 * nothing to change ({@code unchanged}), or activated but not confirmed in time and so put back by
 * the node itself ({@code reverted}).
 *
 * @param profile the aggregate: {@code deploy:<node>}
 * @param generation the node's generation active afterwards (its own numbering)
 * @param previous the node's generation active before (0: none)
 * @param pathsCopied store paths the node lacked and was sent
 * @param bytes NAR bytes sent
 * @param millis how long the node took, from start to confirmation
 */
@Revision("1")
public record DeployCompleted(String profile, String node, String result, int generation, int previous,
    int pathsCopied, long bytes, long millis) implements StatectlEvent {
  public DeployCompleted {
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(result, "result");
    if (generation < 0 || previous < 0 || pathsCopied < 0 || bytes < 0 || millis < 0) {
      throw new IllegalArgumentException("negative numbers in the deploy of " + node);
    }
  }
}
