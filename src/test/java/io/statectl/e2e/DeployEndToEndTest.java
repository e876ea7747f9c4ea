package io.statectl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code statectl deploy} to real sshds on 127.0.0.1 ({@link SshNode}): closures copied as NARs
 * over ssh, activated by the node's statectl, confirmed over a new connection — or, when the new
 * generation locks ssh out, reverted by the node itself.
 */
class DeployEndToEndTest {
  @TempDir Path tmp;
  Path config;
  Path deployerState;
  Statectl statectl;
  SshNode.Client client;
  final List<SshNode> nodes = new ArrayList<>();
  /** The deployer's HOME: ssh must never see the real ~/.ssh. */
  Map<String, String> env;

  @BeforeEach
  void setUp() throws Exception {
    config = Files.createDirectories(tmp.resolve("config"));
    deployerState = tmp.resolve("deployer-state");
    statectl = new Statectl(deployerState);
    client = SshNode.Client.create(tmp.resolve("client"));
    env = Map.of("HOME", Files.createDirectories(tmp.resolve("deployer-home")).toString());
  }

  @AfterEach
  void stopNodes() throws Exception {
    for (SshNode n : nodes) {
      n.close();
    }
  }

  private SshNode node(String name, Path authorizedKeys) throws Exception {
    SshNode n = SshNode.start(name, tmp.resolve("node-" + name), deployerState, client, authorizedKeys);
    nodes.add(n);
    return n;
  }

  private Statectl.Result deploy(String... args) {
    List<String> a = new ArrayList<>(List.of("deploy", "--config", config.toString()));
    a.addAll(List.of(args));
    return statectl.run(env, a.toArray(String[]::new));
  }

  /** The node's own view of its generations, read on the node. */
  private static Statectl.Result generations(SshNode n) {
    return new Statectl(n.state).run(Map.of("STATECTL_NO_SERVER", "1"), "generations");
  }

  @Test
  void twoNodes_deployedConfirmedAndUnchanged_andAStoppedNodeFailsWhileTheOtherGoesOn() throws Exception {
    SshNode a = node("a", null);
    SshNode b = node("b", null);
    Trees.write(config.resolve("hosts/web.toml"), "[files.\"motd\"]\ntext = \"version 1\\n\"\n");
    Files.writeString(config.resolve("deploy.toml"), a.toml(client, "web", "20s") + b.toml(client, "web", "20s"));

    Statectl.Result first = deploy().ok();
    assertTrue(first.out().matches("(?s).*\\na\\s+ok\\s+1\\s.*"), first.toString());
    assertTrue(first.out().matches("(?s).*\\nb\\s+ok\\s+1\\s.*"), first.toString());
    assertEquals("version 1\n", a.ssh(client, "cat " + a.home.resolve("motd")).ok().out());
    assertTrue(generations(b).ok().out().contains("1"), generations(b).toString());

    Trees.write(config.resolve("hosts/web.toml"), "[files.\"motd\"]\ntext = \"version 2\\n\"\n");
    Statectl.Result second = deploy("--json").ok();
    assertTrue(second.out().contains("\"node\":\"a\",\"host\":\"web\",\"result\":\"ok\",\"previous\":1,\"generation\":2"),
        second.toString());
    assertTrue(second.out().contains("\"node\":\"b\",\"host\":\"web\",\"result\":\"ok\",\"previous\":1,\"generation\":2"),
        second.toString());
    assertTrue(second.err().contains("a: generation 2 confirmed"), second.err());
    assertEquals("version 2\n", b.ssh(client, "cat " + b.home.resolve("motd")).ok().out());

    Statectl.Result again = deploy("--json").ok();
    assertTrue(again.out().contains("\"result\":\"unchanged\",\"previous\":0,\"generation\":2,\"pathsCopied\":0"),
        again.toString());

    b.stop();
    Trees.write(config.resolve("hosts/web.toml"), "[files.\"motd\"]\ntext = \"version 3\\n\"\n");
    Statectl.Result partial = deploy();
    assertEquals(17, partial.exit(), partial.toString());
    assertTrue(partial.out().matches("(?s).*\\na\\s+ok\\s+2 → 3\\s.*"), partial.toString());
    assertTrue(partial.out().matches("(?s).*\\nb\\s+failed\\s+-\\s.*"), partial.toString());
    assertTrue(partial.err().contains("STC-E180") && partial.err().contains("cannot reach node b"), partial.err());
    assertTrue(partial.err().contains("STC-E186"), partial.err());

    String history = statectl.run(env, "history").ok().out();
    assertTrue(history.contains("DeployStarted") && history.contains("DeployCompleted") && history.contains("DeployFailed"),
        history);
    assertTrue(history.contains("node b failed at copy [STC-E180]"), history);
  }

  @Test
  void aGenerationThatLocksOutSsh_isNotConfirmed_andTheNodeRevertsByItself() throws Exception {
    SshNode n = node("solo", tmp.resolve("node-solo/home/.ssh/authorized_keys"));
    String good = client.publicKeyLine();
    Trees.write(config.resolve("hosts/web.toml"), "[files.\".ssh/authorized_keys\"]\ntext = \"" + good + "\\n\"\n");
    Files.writeString(config.resolve("deploy.toml"), n.toml(client, "web", "8s"));
    // The node's own authorized_keys is in the way the first time: --backup saves it into the node's store.
    Statectl.Result first = deploy("--backup").ok();
    assertTrue(first.out().matches("(?s).*\\nsolo\\s+ok\\s+1\\s.*"), first.toString());
    assertTrue(Files.isSymbolicLink(n.home.resolve(".ssh/authorized_keys")));

    // Generation 2 replaces the key sshd accepts by another: the confirmation cannot log in.
    String someoneElse = SshNode.Client.create(tmp.resolve("someone-else")).publicKeyLine();
    Trees.write(config.resolve("hosts/web.toml"), "[files.\".ssh/authorized_keys\"]\ntext = \"" + someoneElse
        + "\\n\"\n");
    Statectl.Result locked = deploy();
    assertEquals(17, locked.exit(), locked.toString());
    assertTrue(locked.out().matches("(?s).*\\nsolo\\s+reverted\\s+1\\s.*"), locked.toString());
    assertTrue(locked.err().contains("STC-E183") && locked.err().contains("reverted to generation 1"), locked.err());

    Statectl.Result gens = generations(n).ok();
    assertTrue(gens.out().matches("(?s).*\\*\\s*1\\b.*") || gens.out().contains("1 *") || gens.out().contains("* 1"),
        gens.toString());
    String nodeHistory = new Statectl(n.state).run(Map.of("STATECTL_NO_SERVER", "1"), "history", "--type",
        "ActivationReverted").ok().out();
    assertTrue(nodeHistory.contains("generation 2 reverted to 1: no confirmation within 8s"), nodeHistory);
    // ssh works again: the revert put the old key back.
    n.ssh(client, "true").ok();
  }

  @Test
  void aNodeThatCannotOpenItsHostsSecrets_isRefusedBeforeAnythingIsCopied_andTheOtherGoesOn() throws Exception {
    io.statectl.testing.RequiredTool.require("age", "age");
    SshNode refused = node("s", null);
    SshNode plain = node("p", null);
    Path webKey = tmp.resolve("web.key");
    Path adminKey = tmp.resolve("admin.key");
    Commands.sh("age-keygen", "-o", webKey.toString());
    Commands.sh("age-keygen", "-o", adminKey.toString());
    String webPub = Commands.sh("age-keygen", "-y", webKey.toString()).strip();
    String adminPub = Commands.sh("age-keygen", "-y", adminKey.toString()).strip();
    Trees.write(config.resolve("secrets/plain.txt"), "not a secret\n");
    Files.createDirectories(config.resolve("secrets"));
    Commands.sh("age", "-r", adminPub, "-o", config.resolve("secrets/db.age").toString(),
        config.resolve("secrets/plain.txt").toString());
    Trees.write(config.resolve("hosts/web.toml"), "[files.\"motd\"]\ntext = \"x\\n\"\n[secrets.recipients]\nweb = \""
        + webPub + "\"\nadmin = \"" + adminPub + "\"\n[secrets.db]\nfile = \"../secrets/db.age\"\nrecipients = [\"admin\"]\n");
    Trees.write(config.resolve("hosts/plain.toml"), "[files.\"motd\"]\ntext = \"plain\\n\"\n");
    Files.writeString(config.resolve("deploy.toml"), refused.toml(client, "web", "20s") + plain.toml(client, "plain", "20s"));
    Statectl.Result r = deploy();
    assertEquals(17, r.exit(), r.toString());
    assertTrue(r.err().contains("STC-E204") && r.err().contains("node s: secret db (secrets/db.age) does not list host "
        + "web's key " + webPub) && r.err().contains("statectl secrets rekey"), r.err());
    assertTrue(r.out().matches("(?s).*\\ns\\s+failed\\s+-\\s+0\\s.*"), r.toString());
    assertTrue(r.out().matches("(?s).*\\np\\s+ok\\s+1\\s.*"), r.toString());
    try (var files = Files.list(refused.state)) {
      assertEquals(0, files.count(), "the refused node's state directory is untouched");
    }
    assertTrue(statectl.run(env, "history").ok().out().contains("node s failed at secrets [STC-E204]"));
  }

  @Test
  void aChangedHostKey_refusesThatNode_withOpenSshsMessage_andNothingIsCopied() throws Exception {
    SshNode n = node("moved", null);
    // known_hosts holds another key for the node's address: a man in the middle, as far as ssh knows.
    Files.writeString(client.knownHosts(), "[127.0.0.1]:" + n.port + " "
        + Files.readString(SshNode.Client.create(tmp.resolve("impostor")).publicKey()).strip() + "\n");
    Trees.write(config.resolve("hosts/web.toml"), "[files.\"motd\"]\ntext = \"x\\n\"\n");
    Files.writeString(config.resolve("deploy.toml"), n.toml(client, "web", "20s"));
    Statectl.Result r = deploy();
    assertEquals(17, r.exit(), r.toString());
    assertTrue(r.err().contains("STC-E180") && r.err().contains("REMOTE HOST IDENTIFICATION HAS CHANGED"), r.err());
    assertTrue(r.out().matches("(?s).*\\nmoved\\s+failed\\s+-\\s+0\\s.*"), r.toString());
    try (var files = Files.list(n.state)) {
      assertEquals(0, files.count(), "the node's state directory is untouched");
    }
  }

  @Test
  void badKeysInDeployToml_areLocatedErrors_andAnUnknownNodeIsRefused() throws Exception {
    Trees.write(config.resolve("hosts/web.toml"), "[files.\"motd\"]\ntext = \"x\\n\"\n");
    Files.writeString(config.resolve("deploy.toml"), "[deploy.nodes.a]\nhostname = \"127.0.0.1\"\nport = \"22\"\n"
        + "sshOpts = []\nconfirmTimeout = \"soon\"\n");
    Statectl.Result bad = deploy();
    assertEquals(3, bad.exit(), bad.toString());
    assertTrue(bad.err().contains("deploy.toml:3:1") && bad.err().contains("port must be an integer"), bad.err());
    assertTrue(bad.err().contains("deploy.toml:4:1") && bad.err().contains("unknown key 'deploy.nodes.a.sshOpts'"),
        bad.err());
    assertTrue(bad.err().contains("deploy.toml:5:1") && bad.err().contains("confirmTimeout must be a positive duration"),
        bad.err());

    Files.writeString(config.resolve("deploy.toml"), "[deploy.nodes.a]\nhost = \"web\"\nhostname = \"127.0.0.1\"\n");
    Statectl.Result unknown = deploy("nosuch");
    assertEquals(2, unknown.exit(), unknown.toString());
    assertTrue(unknown.err().contains("STC-E181") && unknown.err().contains("declared nodes: a"), unknown.err());
    assertTrue(!Files.exists(deployerState.resolve("events")), "nothing was recorded");
  }
}
