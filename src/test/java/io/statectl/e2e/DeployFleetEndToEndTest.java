package io.statectl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fleet of four real sshds ({@link SshNode}) deployed from one configuration: a one-file change
 * sends each node only the paths its store lacks (counted by the deploy's own report and checked
 * against the node's store), and one unreachable node fails alone — the other three go on, the
 * summary and {@code --json} name it, the exit code says so, and it stays on its old generation.
 */
class DeployFleetEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;
  Path config;
  Path deployerState;
  Statectl statectl;
  SshNode.Client client;
  final List<SshNode> nodes = new ArrayList<>();
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

  private Statectl.Result deploy(String... args) {
    List<String> a = new ArrayList<>(List.of("deploy", "--config", config.toString()));
    a.addAll(List.of(args));
    return statectl.run(env, a.toArray(String[]::new));
  }

  /** The node's result object of a {@code --json} summary, by node name. */
  private static Map<String, JsonNode> byNode(Statectl.Result r) throws Exception {
    String line = r.out().lines().filter(l -> l.startsWith("{")).reduce((x, y) -> y).orElseThrow(
        () -> new AssertionError("no JSON summary: " + r));
    Map<String, JsonNode> m = new HashMap<>();
    JSON.readTree(line).get("nodes").forEach(n -> m.put(n.get("node").asText(), n));
    return m;
  }

  /** The base names in the node's store (what it holds, as the node sees it). */
  private static Set<String> storeOf(SshNode n) throws Exception {
    Path store = n.state.resolve("store");
    if (!Files.isDirectory(store)) {
      return Set.of();
    }
    try (Stream<Path> s = Files.list(store)) {
      return s.map(p -> p.getFileName().toString()).filter(x -> !x.startsWith(".")).collect(
          java.util.stream.Collectors.toCollection(TreeSet::new));
    }
  }

  @Test
  void fourNodes_aOneFileChangeCopiesOnlyTheChangedPaths_andAStoppedNodeFailsAloneOnItsOldGeneration()
      throws Exception {
    for (String name : List.of("a", "b", "c", "d")) {
      nodes.add(SshNode.start(name, tmp.resolve("node-" + name), deployerState, client, null));
    }
    // A package is a store path of its own (files are part of the generation): it must not be sent again.
    Trees.write(config.resolve("files/motd.txt"), "version 1\n");
    Trees.write(config.resolve("modules/common.toml"), "[packages.sharedlib]\nbuild = \"mkdir -p $out/share; "
        + "echo never changed > $out/share/lib.txt\"\n[system]\npackages = [\"sharedlib\"]\n");
    Trees.write(config.resolve("hosts/web.toml"), "imports = [\"../modules/common.toml\"]\n[files.\"motd\"]\n"
        + "source = \"../files/motd.txt\"\n");
    StringBuilder toml = new StringBuilder();
    nodes.forEach(n -> toml.append(n.toml(client, "web", "20s")));
    Files.writeString(config.resolve("deploy.toml"), toml.toString());

    long t0 = System.nanoTime();
    Statectl.Result first = deploy("--json").ok();
    long firstMillis = (System.nanoTime() - t0) / 1_000_000;
    Map<String, JsonNode> one = byNode(first);
    int copiedFirst = one.get("a").get("pathsCopied").asInt();
    for (SshNode n : nodes) {
      JsonNode r = one.get(n.name);
      assertEquals("ok", r.get("result").asText(), first.toString());
      assertEquals(1, r.get("generation").asInt(), first.toString());
      assertEquals(copiedFirst, r.get("pathsCopied").asInt(), "every node gets the same closure: " + first);
      assertEquals(copiedFirst, storeOf(n).size(), "the node's store holds exactly what was sent: " + first);
    }
    Map<String, Set<String>> before = new HashMap<>();
    for (SshNode n : nodes) {
      before.put(n.name, storeOf(n));
    }

    // One file changes and node d's sshd is gone.
    Trees.write(config.resolve("files/motd.txt"), "version 2\n");
    SshNode d = nodes.get(3);
    d.stop();
    t0 = System.nanoTime();
    Statectl.Result second = deploy("--json");
    long secondMillis = (System.nanoTime() - t0) / 1_000_000;
    assertEquals(17, second.exit(), second.toString());
    assertTrue(second.err().contains("STC-E180") && second.err().contains("cannot reach node d"), second.err());
    assertTrue(second.err().contains("STC-E186") && second.err().contains("1 of 4 node(s) failed"), second.err());
    Map<String, JsonNode> two = byNode(second);
    for (SshNode n : nodes.subList(0, 3)) {
      JsonNode r = two.get(n.name);
      assertEquals("ok", r.get("result").asText(), second.toString());
      assertEquals(1, r.get("previous").asInt(), second.toString());
      assertEquals(2, r.get("generation").asInt(), second.toString());
      Set<String> added = new TreeSet<>(storeOf(n));
      added.removeAll(before.get(n.name));
      int copied = r.get("pathsCopied").asInt();
      assertEquals(added.size(), copied, "the report counts what the node received: " + added);
      assertTrue(copied > 0 && copied < copiedFirst, "only the changed paths: " + copied + " of " + copiedFirst
          + " (" + added + ")");
      assertFalse(added.stream().anyMatch(x -> x.contains("sharedlib")), "the unchanged file was not sent: " + added);
      assertEquals("version 2\n", n.ssh(client, "cat " + n.home.resolve("motd")).ok().out());
    }
    JsonNode failed = two.get("d");
    assertEquals("failed", failed.get("result").asText(), second.toString());
    assertEquals("STC-E180", failed.get("code").asText(), second.toString());
    assertEquals("copy", failed.get("stage").asText(), second.toString());
    assertEquals(0, failed.get("pathsCopied").asInt(), second.toString());
    // The node itself is untouched: still generation 1, still version 1, nothing new in its store.
    assertEquals(before.get("d"), storeOf(d));
    String gens = new Statectl(d.state).run(Map.of("STATECTL_NO_SERVER", "1"), "generations", "--json").ok().out()
        .replace(" ", "");
    assertTrue(gens.contains("\"number\":1") && !gens.contains("\"number\":2"), gens);

    // The text summary says the same, one line per node.
    Statectl.Result text = deploy("a", "d");
    assertEquals(17, text.exit(), text.toString());
    assertTrue(text.out().matches("(?s).*\\na\\s+unchanged\\s+2\\s+0\\s.*"), text.toString());
    assertTrue(text.out().matches("(?s).*\\nd\\s+failed\\s+-\\s+0\\s.*"), text.toString());
    assertLeasesReleased(nodes.get(0));
    System.out.printf("fleet of 4: first deploy %d ms (%d paths each), one-file change %d ms (%d paths each)%n",
        firstMillis, copiedFirst, secondMillis, two.get("a").get("pathsCopied").asInt());
  }

  private static void assertLeasesReleased(SshNode n) throws Exception {
    Path leases = n.state.resolve("leasedroots");
    if (Files.isDirectory(leases)) {
      try (Stream<Path> s = Files.list(leases)) {
        assertEquals(List.of(), s.toList(), "activate ended the lease receive took");
      }
    }
  }

  @Test
  void aGcOnTheNodeBetweenTheCopyAndTheActivation_keepsTheReceivedClosure() throws Exception {
    SshNode n = SshNode.start("g", tmp.resolve("node-g"), deployerState, client, null);
    nodes.add(n);
    Trees.write(config.resolve("files/motd.txt"), "kept\n");
    Trees.write(config.resolve("hosts/web.toml"), "[packages.tool]\nbuild = \"mkdir -p $out/share; echo tool > "
        + "$out/share/tool.txt\"\n[system]\npackages = [\"tool\"]\n[files.\"motd\"]\nsource = \"../files/motd.txt\"\n");
    Files.writeString(config.resolve("deploy.toml"), n.toml(client, "web", "20s"));
    // The hook runs a real gc on the node after the receive released the writer lock, before the activation:
    // nothing there roots the new closure yet but the lease the receive took.
    Path hook = tmp.resolve("gc-on-node.sh");
    Files.writeString(hook, "#!/bin/sh\nexec ssh -F /dev/null -i '" + client.key() + "' -o IdentitiesOnly=yes -o "
        + "UserKnownHostsFile='" + client.knownHosts() + "' -o GlobalKnownHostsFile=/dev/null -o BatchMode=yes -p "
        + n.port + " root@127.0.0.1 \"STATECTL_NO_SERVER=1 '" + Statectl.APP.resolve("bin/statectl") + "' gc "
        + "--state-dir '" + deployerState + "' > '" + tmp.resolve("gc.out") + "' 2>&1\"\n");
    Files.setPosixFilePermissions(hook, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    Map<String, String> hooked = new HashMap<>(env);
    hooked.put("STATECTL_TEST_DEPLOY_BETWEEN", hook.toString());
    Statectl.Result r = statectl.run(hooked, "deploy", "--config", config.toString(), "--json");
    String gc = Files.readString(tmp.resolve("gc.out"));
    assertEquals(0, r.exit(), r + "\ngc on the node said:\n" + gc);
    assertEquals("ok", byNode(r).get("g").get("result").asText(), r.toString());
    assertEquals("kept\n", n.ssh(client, "cat " + n.home.resolve("motd")).ok().out());
    assertLeasesReleased(n);
  }
}
