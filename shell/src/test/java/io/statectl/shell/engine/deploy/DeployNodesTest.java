package io.statectl.shell.engine.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statectl.kernel.eval.ConfigInvalidException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployNodesTest {
  @TempDir Path config;

  @Test
  void aNode_isReadWithEveryKey_andItsSshCommandPutsTheUsersOptionsFirst() throws Exception {
    Files.writeString(config.resolve("deploy.toml"), """
        [deploy.nodes.web1]
        host = "hosts/web.toml"
        hostname = "web1.example"
        user = "ops"
        port = 2222
        sshOptions = ["-o", "StrictHostKeyChecking=accept-new"]
        stateDir = "/var/lib/statectl"
        confirmTimeout = "45s"
        magicRollback = false

        [deploy.nodes.db]
        hostname = "10.0.0.2"
        """);
    Map<String, DeployNode> nodes = DeployNodes.read(config);
    assertEquals(List.of("web1", "db"), List.copyOf(nodes.keySet()));
    DeployNode web = nodes.get("web1");
    assertEquals("web", web.host());
    assertEquals("ops@web1.example:2222", web.destination());
    assertEquals(Duration.ofSeconds(45), web.confirmTimeout());
    assertEquals(DeployNode.Rollback.NONE, web.rollback());
    assertEquals(Optional.of(Path.of("/var/lib/statectl")), web.stateDir());
    List<String> ssh = web.ssh("true", DeployNode.Connection.NEW);
    assertTrue(ssh.indexOf("StrictHostKeyChecking=accept-new") < ssh.indexOf("StrictHostKeyChecking=yes"), ssh.toString());
    assertTrue(ssh.contains("ControlPath=none"), ssh.toString());
    assertEquals(List.of("-p", "2222", "-l", "ops", "-T", "--", "web1.example", "true"), ssh.subList(ssh.size() - 8,
        ssh.size()));
    DeployNode db = nodes.get("db");
    assertEquals("db", db.host());
    assertEquals(Duration.ofSeconds(30), db.confirmTimeout());
    assertEquals(DeployNode.Rollback.MAGIC, db.rollback());
    assertEquals("statectl", db.statectl());
  }

  @Test
  void everyBadKey_isReportedAtOnce_withItsLocation() throws Exception {
    Files.writeString(config.resolve("deploy.toml"), """
        [deploy.nodes.a]
        port = 70000
        stateDir = "relative/dir"
        magicRollback = "yes"
        colour = "blue"
        """);
    ConfigInvalidException e = assertThrows(ConfigInvalidException.class, () -> DeployNodes.read(config));
    String m = e.getMessage();
    assertTrue(m.contains("deploy.toml:2:1") && m.contains("port must be an integer from 1 to 65535"), m);
    assertTrue(m.contains("deploy.toml:3:1") && m.contains("stateDir must be an absolute path"), m);
    assertTrue(m.contains("deploy.toml:4:1") && m.contains("magicRollback must be true or false"), m);
    assertTrue(m.contains("deploy.toml:5:1") && m.contains("unknown key 'deploy.nodes.a.colour'"), m);
    assertTrue(m.contains("deploy.nodes.a.hostname is missing"), m);
  }

  @Test
  void noDeployToml_meansNoNodes() {
    assertTrue(DeployNodes.read(config).isEmpty());
  }
}
