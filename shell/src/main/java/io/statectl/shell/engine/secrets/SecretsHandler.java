package io.statectl.shell.engine.secrets;

import io.statectl.kernel.eval.Evaluation;
import io.statectl.kernel.eval.ModuleRegistry;
import io.statectl.kernel.secrets.SecretDeclaration;
import io.statectl.kernel.secrets.SecretFiles;
import io.statectl.kernel.secrets.SecretsActivation;
import io.statectl.kernel.secrets.SecretsConfig;
import io.statectl.kernel.secrets.SecretsManifest;
import io.statectl.kernel.secrets.SecretsPreflight;
import io.statectl.kernel.secrets.age.Age;
import io.statectl.kernel.secrets.age.Identities;
import io.statectl.kernel.secrets.age.Identity;
import io.statectl.kernel.secrets.age.Recipient;
import io.statectl.kernel.secrets.age.SshEd25519Recipient;
import io.statectl.kernel.secrets.age.Stanza;
import io.statectl.shell.engine.eval.ConfigEvaluation;
import io.statectl.shell.engine.Output;
import io.statectl.shell.engine.PhaseTimer;
import io.statectl.shell.engine.Request;
import io.statectl.shell.engine.UsageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code statectl secrets list|check|rekey|edit}: the repository's .age files against the
 * host's declarations. Never prints plaintext; {@code edit} holds it only in memory and in a 0600
 * file on tmpfs while the editor runs.
 */
public final class SecretsHandler {
  private final Output out;
  private final PhaseTimer timer;

  public SecretsHandler(Output out, PhaseTimer timer) {
    this.out = out;
    this.timer = timer;
  }

  public int run(Request.Secrets r, ModuleRegistry modules) {
    Path config = ConfigEvaluation.directory(r.config());
    Evaluation.Success s = ConfigEvaluation.success(
        ConfigEvaluation.evaluate(modules, config, r.host(), Optional.empty(), timer, r.state(), out));
    SecretsConfig secrets = SecretsConfig.of(s.config());
    Path root = r.root().map(p -> p.toAbsolutePath().normalize()).orElse(Path.of("/"));
    switch (r.action()) {
      case LIST:
        return list(secrets, config);
      case CHECK:
        return check(s, secrets, config, root);
      case REKEY:
        List<String> done = new SecretFiles(config, identities(r, secrets, root)).rekey(secrets.secrets());
        out.result("re-encrypted " + done.size() + " secret(s) to their declared recipients: " + String.join(", ", done));
        return 0;
      case EDIT:
        return edit(r, secrets, config, root);
      default:
        throw new IllegalStateException(r.action().name());
    }
  }

  private int list(SecretsConfig secrets, Path config) {
    if (secrets.isEmpty()) {
      out.result("no secrets declared");
      return 0;
    }
    for (SecretDeclaration d : secrets.secrets()) {
      Path f = config.resolve(d.file());
      String hash = Files.exists(f) ? SecretsActivation.hashOf(read(f)).substring(0, 12) + "…" : "(missing)";
      out.result(d.name() + "  " + d.file() + " " + hash + "  → " + d.path() + " " + d.modeText() + " "
          + d.owner().orElse("-") + ":" + d.group().orElse("-") + "  " + d.recipients().size() + " recipient(s)");
    }
    return 0;
  }

  /** Which host can open which secret (by the files' stanzas), then whether this host opens them all. */
  private int check(Evaluation.Success s, SecretsConfig secrets, Path config, Path root) {
    for (SecretDeclaration d : secrets.secrets()) {
      Path f = config.resolve(d.file());
      if (!Files.exists(f)) {
        out.result(d.name() + ": " + d.file() + " is missing");
        continue;
      }
      List<Stanza> stanzas = Age.stanzas(read(f));
      for (Map.Entry<String, String> h : secrets.hostRecipients().entrySet()) {
        Recipient key = Recipient.parse(h.getValue());
        String verdict = key instanceof SshEd25519Recipient ssh
            ? stanzas.stream().anyMatch(st -> st.args().size() > 1 && st.args().get(1).equals(ssh.stanzaTag()))
                ? "yes" : "no"
            : stanzas.stream().anyMatch(st -> st.type().equals("X25519")) ? "maybe (X25519 stanzas are anonymous)" : "no";
        out.result(d.name() + ": host " + h.getKey() + " can open it: " + verdict);
      }
    }
    int n = SecretsPreflight.check(s, root);
    out.result("this host (" + s.host() + ") opens all " + n + " secret(s) with " + root.resolve(
        secrets.identity().orElse(SecretsManifest.DEFAULT_IDENTITY).substring(1)));
    return 0;
  }

  private int edit(Request.Secrets r, SecretsConfig secrets, Path config, Path root) {
    String name = r.name().orElseThrow(() -> new UsageException("secrets edit needs a NAME", "statectl secrets edit db"));
    SecretDeclaration d = secrets.secrets().stream().filter(x -> x.name().equals(name)).findFirst()
        .orElseThrow(() -> new UsageException("no secret " + name + " is declared for host " + r.host(),
            "declare [secrets." + name + "] file = \"secrets/" + name + ".age\" first"));
    String editor = r.editor().filter(e -> !e.isBlank())
        .orElseThrow(() -> new UsageException("$EDITOR is not set", "EDITOR=vi statectl secrets edit " + name));
    SecretFiles files = new SecretFiles(config, Files.exists(config.resolve(d.file())) ? identities(r, secrets, root)
        : List.of());
    byte[] before = files.open(d).orElse(new byte[0]);
    Path shm = Path.of("/dev/shm");
    Path dir = Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
    if (!dir.equals(shm)) {
      out.message("warning: /dev/shm is not available; the plaintext is kept in " + dir + " while you edit");
    }
    Path temp = null;
    byte[] after = null;
    try {
      temp = Files.createTempFile(dir, "statectl-secret-", "", PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rw-------")));
      Files.write(temp, before);
      Process p = new ProcessBuilder("sh", "-c", editor + " \"$1\"", "sh", temp.toString())
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      int rc = p.waitFor();
      if (rc != 0) {
        throw new UsageException("the editor (" + editor + ") exited " + rc + "; " + d.file() + " is unchanged",
            "fix $EDITOR and rerun");
      }
      after = Files.readAllBytes(temp);
      if (Arrays.equals(before, after)) {
        out.result("secret " + name + " unchanged; " + d.file() + " not rewritten");
        return 0;
      }
      files.write(d, after);
      out.result("secret " + name + " re-encrypted to " + d.recipients().size() + " recipient(s): " + d.file());
      return 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UsageException("interrupted while the editor ran; " + d.file() + " is unchanged", "rerun");
    } finally {
      Arrays.fill(before, (byte) 0);
      if (after != null) {
        Arrays.fill(after, (byte) 0);
      }
      shred(temp);
    }
  }

  private static List<Identity> identities(Request.Secrets r, SecretsConfig secrets, Path root) {
    Path file = r.identity().orElseGet(() -> new SecretsActivation(root)
        .underRoot(secrets.identity().orElse(SecretsManifest.DEFAULT_IDENTITY)));
    return Identities.read(file);
  }

  /** Overwrites the temp file with zeros, then deletes it. */
  private static void shred(Path temp) {
    if (temp == null) {
      return;
    }
    try {
      long size = Files.size(temp);
      Files.write(temp, new byte[(int) Math.min(size, Integer.MAX_VALUE)]);
      Files.delete(temp);
    } catch (IOException e) {
      throw new UncheckedIOException("could not remove the plaintext temp file " + temp + ": remove it by hand", e);
    }
  }

  private static byte[] read(Path f) {
    try {
      return Files.readAllBytes(f);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
