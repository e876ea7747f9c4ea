package io.statectl.shell.cli;

import io.statectl.shell.engine.Request;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "lock", mixinStandardHelpOptions = true,
    description = "Pin the inputs statectl.toml declares (inputs.<name> = { git = URL, ref = \"main\" } or "
        + "{ path = \"../dir\" }) in statectl.lock: each input's commit and the NAR hash of its tree. apply, build "
        + "and eval use only these pins. With --update, fetch again and move the pins of NAME… (all when none "
        + "named), printing name: old → new.")
final class LockCommand implements Callable<Integer> {
  @Mixin StateOptions state;
  @Mixin WaitOptions waitOptions;

  @Option(names = "--config", paramLabel = "DIR", description = "The configuration repository (default: $STATECTL_CONFIG, else the current directory).")
  Path config;

  @Option(names = "--update", description = "Fetch again what each ref names now and move the pins.")
  boolean update;

  @Parameters(arity = "0..*", paramLabel = "NAME", description = "With --update: only these inputs.")
  List<String> names;

  @Override
  public Integer call() {
    return Run.request(new Request.Lock(state.state(), ConfigLocation.config(config), update,
        names == null ? List.of() : names), waitOptions.waitTimeout());
  }
}
