package io.statectl.kernel.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statectl.kernel.ErrorCode;
import io.statectl.kernel.config.ConfigFileSystem;
import io.statectl.kernel.eval.Evaluation;
import io.statectl.kernel.eval.Evaluator;
import io.statectl.kernel.secrets.age.Age;
import io.statectl.kernel.secrets.age.ArmorChoice;
import io.statectl.kernel.secrets.age.Recipient;
import io.statectl.kernel.secrets.age.X25519Identity;
import io.statectl.testing.RequiredTool;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deploy's check on the deployer: a node's key among each secret's recipients, and in the file for ssh keys. */
class NodeSecretsCheckTest {
  final X25519Identity web = X25519Identity.generate();
  final X25519Identity db = X25519Identity.generate();
  final Map<String, byte[]> files = new HashMap<>();

  private Evaluation.Success evaluate(String host, String toml) {
    files.put("hosts/" + host + ".toml", toml.getBytes(StandardCharsets.UTF_8));
    ConfigFileSystem fs = new ConfigFileSystem() {
      @Override
      public Optional<byte[]> read(String path) {
        return Optional.ofNullable(files.get(path)).map(byte[]::clone);
      }

      @Override
      public boolean isExecutable(String path) {
        return false;
      }

      @Override
      public List<String> hosts() {
        return List.of(host);
      }

      @Override
      public String describe() {
        return "(memory)";
      }
    };
    Evaluation e = new Evaluator(List::of).evaluate(fs, host);
    if (e instanceof Evaluation.Failure f) {
      throw new AssertionError(f.problems().toString());
    }
    return (Evaluation.Success) e;
  }

  private void encrypt(String file, Recipient... to) {
    files.put(file, Age.encrypt("x".getBytes(StandardCharsets.UTF_8), List.of(to), ArmorChoice.ARMORED));
  }

  private String hosts(String webKey) {
    return "[secrets.recipients]\nweb = \"" + webKey + "\"\ndb = \"" + db.recipient().encoded() + "\"\n";
  }

  @Test
  void aNodeWhoseKeyIsARecipientOfEverySecret_passes() {
    encrypt("secrets/a.age", web.recipient(), db.recipient());
    Evaluation.Success s = evaluate("web", hosts(web.recipient().encoded())
        + "[secrets.a]\nfile = \"../secrets/a.age\"\n");
    assertEquals(1, NodeSecretsCheck.check("web1", "web", s));
  }

  @Test
  void aSecretNotListingTheNodesKey_refusesTheNode_namingItAndRekey() {
    encrypt("secrets/a.age", db.recipient());
    encrypt("secrets/b.age", web.recipient());
    Evaluation.Success s = evaluate("web", hosts(web.recipient().encoded())
        + "[secrets.a]\nfile = \"../secrets/a.age\"\nrecipients = [\"db\"]\n"
        + "[secrets.b]\nfile = \"../secrets/b.age\"\nrecipients = [\"web\"]\n");
    SecretUnavailableException e = assertThrows(SecretUnavailableException.class,
        () -> NodeSecretsCheck.check("web1", "web", s));
    assertEquals(ErrorCode.SECRET_NOT_FOR_NODE, e.code());
    assertEquals("STC-E204", e.code().id());
    assertTrue(e.getMessage().contains("node web1: secret a (secrets/a.age) does not list host web's key"),
        e.getMessage());
    assertTrue(e.getMessage().contains("statectl secrets rekey"), e.getMessage());
    assertTrue(e.getMessage().contains("refused before anything was copied"), e.getMessage());
    assertTrue(!e.getMessage().contains("secret b "), "b is fine: " + e.getMessage());
  }

  @Test
  void aHostWithoutAKey_isRefusedWhenItHasSecrets() {
    encrypt("secrets/a.age", db.recipient());
    Evaluation.Success s = evaluate("web", "[secrets.recipients]\ndb = \"" + db.recipient().encoded() + "\"\n"
        + "[secrets.a]\nfile = \"../secrets/a.age\"\n");
    SecretUnavailableException e = assertThrows(SecretUnavailableException.class,
        () -> NodeSecretsCheck.check("web1", "web", s));
    assertTrue(e.getMessage().contains("has no key in secrets.recipients.web"), e.getMessage());
  }

  @Test
  void noSecrets_nothingToCheck() {
    assertEquals(0, NodeSecretsCheck.check("web1", "web", evaluate("web", "")));
  }

  @Test
  void anSshKeyDeclaredButTheFileNotReencrypted_isNamed(@TempDir Path tmp) throws Exception {
    RequiredTool.require("ssh-keygen", "openssh-client");
    Path key = tmp.resolve("web");
    Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "web", "-f", key.toString())
        .redirectErrorStream(true).start();
    assertEquals(0, p.waitFor());
    String pub = Files.readString(tmp.resolve("web.pub")).strip();
    encrypt("secrets/a.age", db.recipient()); // the recipients were changed, the file not rekeyed
    Evaluation.Success s = evaluate("web", hosts(pub) + "[secrets.a]\nfile = \"../secrets/a.age\"\n");
    SecretUnavailableException e = assertThrows(SecretUnavailableException.class,
        () -> NodeSecretsCheck.check("web1", "web", s));
    assertTrue(e.getMessage().contains("is not encrypted to host web's key") && e.getMessage().contains("rekey"),
        e.getMessage());
    encrypt("secrets/a.age", db.recipient(), Recipient.parse(pub));
    assertEquals(1, NodeSecretsCheck.check("web1", "web", evaluate("web", hosts(pub)
        + "[secrets.a]\nfile = \"../secrets/a.age\"\n")));
  }
}
