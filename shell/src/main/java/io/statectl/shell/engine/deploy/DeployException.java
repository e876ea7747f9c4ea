package io.statectl.shell.engine.deploy;

import io.statectl.kernel.ErrorCode;
import io.statectl.kernel.KernelException;

/** A deploy refusal or failure; carries the node it is about (empty for the whole fleet). */
public final class DeployException extends KernelException {
  private static final long serialVersionUID = 1L;
  private final ErrorCode code;
  private final String node;

  private DeployException(ErrorCode code, String node, String message) {
    super(message);
    this.code = code;
    this.node = node;
  }

  static DeployException unreachable(String node, String destination, String sshSays) {
    return new DeployException(ErrorCode.DEPLOY_UNREACHABLE, node, "cannot reach node " + node + " (" + destination
        + ") over ssh: " + sshSays.strip() + "\n  hint: try `ssh " + destination + " true` with the node's sshOptions; "
        + "host keys are checked strictly (add the node to known_hosts)");
  }

  static DeployException unknownNode(String node, java.util.Collection<String> declared) {
    return new DeployException(ErrorCode.DEPLOY_NODE_UNKNOWN, node, declared.isEmpty()
        ? "no deploy nodes are declared\n  hint: declare [deploy.nodes.<name>] with hostname = … in deploy.toml beside hosts/"
        : "no node '" + node + "' in deploy.toml\n  hint: declared nodes: " + String.join(", ", declared));
  }

  static DeployException remoteStatectlMissing(String node, String statectl) {
    return new DeployException(ErrorCode.DEPLOY_REMOTE_STATECTL_MISSING, node, "node " + node + " has no '" + statectl
        + "' (the remote shell could not run it)\n  hint: install statectl there, or set deploy.nodes." + node
        + ".statectl to its absolute path on the node");
  }

  static DeployException confirmTimeout(String node, int generation, int revertedTo, String why) {
    return new DeployException(ErrorCode.DEPLOY_CONFIRM_TIMEOUT, node, "node " + node + " activated generation "
        + generation + " but it was not confirmed in time (" + why + "), so the node reverted to generation "
        + revertedTo + "\n  hint: the new generation probably broke ssh; `statectl diff` it on the node, or raise "
        + "confirmTimeout");
  }

  static DeployException remote(String node, String stage, String nodeSays) {
    // On the node's own side (node ""), the deployer prefixes the node's name when it relays this.
    return new DeployException(ErrorCode.DEPLOY_REMOTE_FAILED, node, (node.isEmpty() ? "this node" : "node " + node)
        + " failed to " + stage + ": " + nodeSays.strip() + "\n  hint: fix what the node reports and deploy it again"
        + (node.isEmpty() ? "" : " (`statectl deploy " + node + "`)"));
  }

  static DeployException stateDirMismatch(String node, java.nio.file.Path theirs, java.nio.file.Path ours) {
    return new DeployException(ErrorCode.DEPLOY_STATE_DIR_MISMATCH, node, "deploy.nodes." + node + ".stateDir is "
        + theirs + " but this statectl's state directory is " + ours + "; store paths embed the store directory, so "
        + "a closure built here is valid only at the same path there\n  hint: drop stateDir (it defaults to --state-dir), "
        + "or deploy with --state-dir " + theirs);
  }

  static DeployException fleet(int failed, int total) {
    return new DeployException(ErrorCode.DEPLOY_NODES_FAILED, "", failed + " of " + total
        + " node(s) failed or reverted (see the summary above)\n  hint: fix them and deploy them again by name");
  }

  static DeployException tokenUnknown(String token, String why) {
    return new DeployException(ErrorCode.DEPLOY_TOKEN_UNKNOWN, "", "activation " + token + ": " + why
        + "\n  hint: deploy again; the confirmation must arrive within confirmTimeout");
  }

  /** The node's name ({@code ""} for the fleet or the node's own side). */
  public String node() {
    return node;
  }

  @Override
  public ErrorCode code() {
    return code;
  }
}
