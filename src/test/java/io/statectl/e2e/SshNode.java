package io.statectl.e2e;

import io.statectl.testing.RequiredTool;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A deploy target on this machine: a real OpenSSH sshd on 127.0.0.1 (key auth only, keys in the
 * test's temp dir), started in a private mount namespace where the node's own state directory is
 * bind-mounted over the deployer's state directory path. Store paths embed the store directory, so
 * like two machines sharing /nix/store the node must see its store at the deployer's path; the
 * namespace makes that true without touching either's real files. A tmpfs over /run in the same
 * namespace gives sshd its /run/sshd without creating it on the machine.
 */
final class SshNode implements AutoCloseable {
  final String name;
  final Path dir;
  /** The node's own state directory, as the test (outside the namespace) sees it. */
  final Path state;
  final Path home;
  final Path root;
  final int port;
  private final Path config;
  private Process sshd;

  /** The client side: one key pair and a known_hosts file shared by all nodes of a test. */
  record Client(Path key, Path publicKey, Path knownHosts) {
    static Client create(Path dir) throws Exception {
      RequiredTool.require("ssh-keygen", "openssh-client");
      Files.createDirectories(dir);
      Path key = dir.resolve("id_ed25519");
      keygen(key);
      return new Client(key, dir.resolve("id_ed25519.pub"), Files.createFile(dir.resolve("known_hosts")));
    }

    String publicKeyLine() throws IOException {
      return Files.readString(publicKey).strip();
    }

    /** The ssh options a node of deploy.toml gets: only these keys and hosts, never ~/.ssh. */
    String sshOptionsToml() {
      return "[\"-F\", \"/dev/null\", \"-i\", \"" + key + "\", \"-o\", \"IdentitiesOnly=yes\", \"-o\", \"UserKnownHostsFile="
          + knownHosts + "\", \"-o\", \"GlobalKnownHostsFile=/dev/null\", \"-o\", \"LogLevel=ERROR\"]";
    }
  }

  private SshNode(String name, Path dir, int port) {
    this.name = name;
    this.dir = dir;
    this.state = dir.resolve("state");
    this.home = dir.resolve("home");
    this.root = dir.resolve("root");
    this.port = port;
    this.config = dir.resolve("sshd_config");
  }

  /**
   * Starts a node under {@code dir} whose sshd accepts {@code client}'s key from {@code authorizedKeys}
   * (default: a file of the node's own), showing {@code state} at {@code deployerState}.
   */
  static SshNode start(String name, Path dir, Path deployerState, Client client, Path authorizedKeys) throws Exception {
    RequiredTool.require("/usr/sbin/sshd", "openssh-server");
    RequiredTool.require("unshare", "util-linux");
    SshNode n = new SshNode(name, dir, freePort());
    Files.createDirectories(n.state);
    Files.createDirectories(n.home);
    Files.createDirectories(n.root);
    Files.createDirectories(deployerState);
    keygen(dir.resolve("host_key"));
    Path keys = authorizedKeys != null ? authorizedKeys : dir.resolve("authorized_keys");
    if (!Files.exists(keys, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      Files.createDirectories(keys.getParent());
      Files.writeString(keys, client.publicKeyLine() + "\n");
    }
    Files.writeString(n.config, String.join("\n", "Port " + n.port, "ListenAddress 127.0.0.1",
        "HostKey " + dir.resolve("host_key"), "PidFile " + dir.resolve("sshd.pid"), "AuthorizedKeysFile " + keys,
        "PasswordAuthentication no", "KbdInteractiveAuthentication no", "PermitRootLogin prohibit-password",
        "UsePAM no", "StrictModes no", "") );
    Files.writeString(client.knownHosts(), "[127.0.0.1]:" + n.port + " "
        + Files.readString(dir.resolve("host_key.pub")).strip() + "\n", java.nio.file.StandardOpenOption.APPEND);
    n.startSshd(deployerState);
    return n;
  }

  private void startSshd(Path deployerState) throws Exception {
    String script = "mount -t tmpfs tmpfs /run && mkdir -m 755 /run/sshd && mount --bind '" + state + "' '"
        + deployerState + "' && exec /usr/sbin/sshd -D -e -f '" + config + "'";
    sshd = new ProcessBuilder("unshare", "--mount", "--propagation", "private", "sh", "-c", script)
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("sshd.log").toFile()))
        .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        if (!sshd.isAlive() || System.nanoTime() > deadline) {
          throw new AssertionError("sshd of node " + name + " did not start:\n" + Files.readString(dir.resolve("sshd.log")));
        }
        Statectl.Pause.millis(50);
      }
    }
  }

  /** The node's table for deploy.toml. */
  String toml(Client client, String host, String confirmTimeout) {
    return "[deploy.nodes." + name + "]\nhost = \"hosts/" + host + ".toml\"\nhostname = \"127.0.0.1\"\nport = " + port
        + "\nuser = \"root\"\nsshOptions = " + client.sshOptionsToml() + "\nhome = \"" + home + "\"\nroot = \"" + root
        + "\"\nstatectl = \"" + Statectl.APP.resolve("bin/statectl") + "\"\nconfirmTimeout = \"" + confirmTimeout + "\"\n\n";
  }

  /** Runs {@code command} on the node (inside its namespace) over ssh, as the deployer would. */
  Statectl.Result ssh(Client client, String command) {
    List<String> cmd = new ArrayList<>(List.of("ssh", "-F", "/dev/null", "-i", client.key().toString(), "-o",
        "IdentitiesOnly=yes", "-o", "UserKnownHostsFile=" + client.knownHosts(), "-o", "GlobalKnownHostsFile=/dev/null",
        "-o", "StrictHostKeyChecking=yes", "-o", "BatchMode=yes", "-p", Integer.toString(port), "root@127.0.0.1",
        command));
    return Statectl.exec(cmd, Map.of());
  }

  /** Stops sshd (the node becomes unreachable; what runs in its namespace keeps running). */
  void stop() throws InterruptedException {
    if (sshd != null && sshd.isAlive()) {
      sshd.destroy();
      if (!sshd.waitFor(10, TimeUnit.SECONDS)) {
        sshd.destroyForcibly();
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }

  private static void keygen(Path key) throws Exception {
    Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "statectl-test", "-f",
        key.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new AssertionError("ssh-keygen failed: " + out);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
