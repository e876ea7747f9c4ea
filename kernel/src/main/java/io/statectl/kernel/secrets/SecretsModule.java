package io.statectl.kernel.secrets;

import io.statectl.api.config.ConfigTable;
import io.statectl.api.module.ConfigProblem;
import io.statectl.api.module.ModuleContext;
import io.statectl.api.module.ModuleContribution;
import io.statectl.api.module.SourceResolution;
import io.statectl.api.module.StatectlModule;
import io.statectl.api.option.OptionDecl;
import io.statectl.api.option.OptionType;
import java.util.ArrayList;
import java.util.List;

/**
 * The core {@code secrets.*} options: age-encrypted files of the repository, decrypted only at
 * activation into a runtime directory. Evaluation reads each .age file through the repository
 * port, so its ciphertext enters the configuration snapshot (a content-addressed store path);
 * the plaintext is never read here.
 */
public final class SecretsModule implements StatectlModule {
  public static final String PROVENANCE = "core";

  @Override
  public String namespace() {
    return SecretsConfig.NAMESPACE;
  }

  @Override
  public String description() {
    return "age-encrypted secrets: secrets.<name> = { file, path, owner, group, mode, recipients, "
        + "allowOutsideRuntime }, secrets.recipients.<host> = \"age1…\" | \"ssh-ed25519 …\", secrets.identity";
  }

  @Override
  public OptionDecl options() {
    // Secret names and the two reserved keys share the namespace, so the table is checked by hand
    // (SecretsConfig), every problem at its location.
    return OptionDecl.of(OptionType.attrsOf(OptionType.anything()), description()
        + ". path defaults to /run/statectl/secrets/<name>, mode to \"0400\", recipients to every host of "
        + "secrets.recipients; identity to /etc/ssh/ssh_host_ed25519_key.")
        .withExample("secrets.db = { file = \"../secrets/db.age\", mode = \"0440\", recipients = [\"laptop\", \"server\"] }");
  }

  @Override
  public ModuleContribution contribute(ModuleContext context) {
    if (context.config().isEmpty() || !(context.config().get() instanceof ConfigTable table)) {
      return ModuleContribution.empty();
    }
    SecretsConfig secrets = SecretsConfig.parse(table);
    List<ConfigProblem> problems = new ArrayList<>(secrets.problems());
    for (SecretDeclaration s : secrets.secrets()) {
      ConfigTable t = (ConfigTable) table.get(s.name()).orElseThrow();
      var fileAt = t.get("file").orElseThrow().location();
      String written = ((io.statectl.api.config.ConfigString) t.get("file").orElseThrow()).value();
      SourceResolution r = context.sources().resolve(fileAt, written);
      if (r instanceof SourceResolution.Missing m) {
        problems.add(new ConfigProblem(fileAt, "secrets." + s.name() + ".file: " + m.tried() + " does not exist",
            "encrypt it first: age -r <host key> -o " + m.tried() + " (or statectl secrets edit " + s.name() + ")"));
      }
    }
    return new ModuleContribution(List.of(), problems);
  }
}
