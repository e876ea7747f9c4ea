package io.statectl.shell.cli;

import io.statectl.shell.engine.Request;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "secrets", mixinStandardHelpOptions = true,
    description = "The age-encrypted secrets of a host: list, check (who can open what; can this host open all), "
        + "rekey (re-encrypt every secret to its declared recipients, all or nothing), edit NAME ($EDITOR on a "
        + "0600 file on tmpfs, re-encrypted when you save).")
final class SecretsCommand implements Callable<Integer> {
  @Mixin StateOptions state;

  @Parameters(index = "0", paramLabel = "ACTION", description = "list, check, rekey or edit")
  String action;

  @Parameters(index = "1", arity = "0..1", paramLabel = "NAME", description = "The secret to edit.")
  String name;

  @Option(names = "--config", paramLabel = "DIR", description = "The configuration repository (default: $STATECTL_CONFIG, else the current directory).")
  Path config;

  @Option(names = "--host", paramLabel = "NAME", description = "The host whose declarations count (default: this machine's name).")
  String host;

  @Option(names = "--root", paramLabel = "DIR", description = "Find the host key under DIR instead of / (as apply --root).")
  Path root;

  @Option(names = "--identity", paramLabel = "FILE", description = "Decrypt with this identity (an age key file or an OpenSSH ed25519 private key) instead of the host key.")
  Path identity;

  @Override
  public Integer call() {
    Request.SecretsAction a;
    try {
      a = Request.SecretsAction.valueOf(action.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
          "unknown action '" + action + "': use list, check, rekey or edit");
    }
    Invocation inv = Invocation.current();
    return Run.request(new Request.Secrets(state.state(), ConfigLocation.config(config), ConfigLocation.host(host), a,
        Optional.ofNullable(name), Optional.ofNullable(root),
        Optional.ofNullable(identity), Optional.ofNullable(inv.env().get("EDITOR"))));
  }
}
