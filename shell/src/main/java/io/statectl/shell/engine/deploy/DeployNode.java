package io.statectl.shell.engine.deploy;

import io.statectl.api.SourceLocation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code [deploy.nodes.<name>]} of {@code deploy.toml}: which host configuration it gets and how
 * ssh reaches it.
 *
 * @param host the host configuration ({@code hosts/<host>.toml})
 * @param hostname what ssh connects to
 * @param user the login, if not ssh's default
 * @param port the port, if not ssh's default
 * @param sshOptions extra arguments for ssh, before statectl's own (ssh keeps the first value of an option)
 * @param stateDir the node's state directory, if given (it must equal the deployer's, see {@link DeployException})
 * @param root the root its root files go under ({@code /} when absent)
 * @param home the home its home files go into (the remote user's home when absent)
 * @param statectl the statectl to run there
 * @param confirmTimeout how long the node waits for the confirmation before it reverts
 * @param rollback whether the node reverts an unconfirmed generation (deploy-rs's "magic rollback")
 * @param location where the node is declared, for messages
 */
public record DeployNode(String name, String host, String hostname, Optional<String> user, Optional<Integer> port,
    List<String> sshOptions, Optional<Path> stateDir, Optional<Path> root, Optional<Path> home, String statectl,
    Duration confirmTimeout, Rollback rollback, SourceLocation location) {

  /** How long the deploy's master connection outlives its last use, should the deployer not close it. */
  static final String PERSIST = "60s";

  /** Whether an unconfirmed activation is reverted by the node. */
  public enum Rollback { MAGIC, NONE }

  public DeployNode {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(hostname, "hostname");
    sshOptions = List.copyOf(sshOptions);
    if (confirmTimeout.isNegative() || confirmTimeout.isZero()) {
      throw new IllegalArgumentException("confirmTimeout of node " + name + " must be positive");
    }
  }

  /** {@code [user@]hostname[:port]}, for messages and events. */
  public String destination() {
    return user.map(u -> u + "@").orElse("") + hostname + port.map(p -> ":" + p).orElse("");
  }

  /**
   * The ssh command line that runs {@code remote} (already one shell string) on the node; {@code
   * fresh} forbids reusing a multiplexed master connection, so the confirmation proves that a new
   * connection gets through.
   */
  List<String> ssh(String remote, Connection fresh) {
    return ssh(remote, fresh, Optional.empty());
  }

  /** As {@link #ssh(String, Connection)}, through the deploy's own master at {@code control} when given. */
  List<String> ssh(String remote, Connection fresh, Optional<Path> control) {
    List<String> cmd = base(fresh, control);
    cmd.add("-T");
    cmd.add("--");
    cmd.add(hostname);
    cmd.add(remote);
    return cmd;
  }

  /**
   * The command that opens the deploy's master connection at {@code control} and goes to the
   * background once logged in ({@code -f -N}); {@code ControlPersist} ends it by itself should the
   * deployer die without closing it.
   */
  List<String> openMaster(Path control) {
    List<String> cmd = base(Connection.ANY, Optional.empty());
    cmd.addAll(List.of("-o", "ControlMaster=yes", "-o", "ControlPath=" + control, "-o", "ControlPersist=" + PERSIST,
        "-f", "-N", "--", hostname));
    return cmd;
  }

  /** The command that ends the master at {@code control}. */
  List<String> closeMaster(Path control) {
    List<String> cmd = base(Connection.ANY, Optional.of(control));
    cmd.addAll(List.of("-O", "exit", "--", hostname));
    return cmd;
  }

  /**
   * Whether the user's sshOptions already say how to multiplex (ControlMaster, ControlPath or
   * ControlPersist): then the deploy opens no master of its own and leaves theirs alone.
   */
  boolean multiplexedByUser() {
    return sshOptions.stream().anyMatch(o -> o.toLowerCase(java.util.Locale.ROOT).replace("-o", "").strip()
        .startsWith("control"));
  }

  private List<String> base(Connection fresh, Optional<Path> control) {
    List<String> cmd = new ArrayList<>(List.of("ssh"));
    if (fresh == Connection.NEW) {
      // Before the user's options (ssh keeps the first value): a new connection even if they multiplex.
      cmd.addAll(List.of("-o", "ControlMaster=no", "-o", "ControlPath=none"));
    }
    cmd.addAll(sshOptions);
    // After the user's options: ssh keeps the first value it sees, so theirs win where given.
    cmd.addAll(List.of("-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes", "-o", "ConnectTimeout=10"));
    if (fresh == Connection.ANY) {
      // A master that is gone makes ssh connect by itself (ControlMaster=no never starts one).
      control.ifPresent(c -> cmd.addAll(List.of("-o", "ControlMaster=no", "-o", "ControlPath=" + c)));
    }
    port.ifPresent(p -> cmd.addAll(List.of("-p", Integer.toString(p))));
    user.ifPresent(u -> cmd.addAll(List.of("-l", u)));
    return cmd;
  }

  /** Whether an ssh may share an existing connection. */
  enum Connection { ANY, NEW }
}
