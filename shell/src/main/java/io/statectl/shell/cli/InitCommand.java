package io.statectl.shell.cli;

import io.statectl.shell.engine.Request;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "init", mixinStandardHelpOptions = true,
    description = {"Create a configuration repository for this machine: hosts/<host>.toml, modules/common.toml, "
        + "files/, .gitignore, and `git init` when git is installed.",
        "--adopt moves existing dotfiles of the home into files/ and declares them, so that the first "
            + "`statectl apply` puts the same content back as managed links. A non-empty DIR is refused unless --force."})
final class InitCommand implements Callable<Integer> {
  @Mixin StateOptions state;

  @Parameters(arity = "0..1", paramLabel = "DIR", description = "Where to create it (default: the current directory).")
  Path dir;

  @Option(names = "--host", paramLabel = "NAME", description = "The host's name (default: this machine's host name).")
  String host;

  @Option(names = "--adopt", paramLabel = "FILE", arity = "1..*",
      description = "Dotfiles of the home (relative to it, e.g. .bashrc) to move into the repository and declare.")
  List<String> adopt = new ArrayList<>();

  @Option(names = "--home", paramLabel = "DIR", description = "The home the adopted files are in (default: $HOME).")
  Path home;

  @Option(names = "--force", description = "Write into a directory that is not empty.")
  boolean force;

  @Override
  public Integer call() {
    Invocation inv = Invocation.current();
    return Run.request(new Request.Init(state.state(), dir != null ? dir : inv.cwd(), ConfigLocation.host(host), adopt,
        home != null ? home : inv.home(), force ? Request.InitTarget.FORCE : Request.InitTarget.EMPTY_ONLY));
  }
}
