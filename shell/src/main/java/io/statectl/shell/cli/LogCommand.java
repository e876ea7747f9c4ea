package io.statectl.shell.cli;

import io.statectl.shell.engine.Request;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "log", mixinStandardHelpOptions = true,
    description = "Print the build log of a derivation (.drv) or of the derivation that built an output path.")
final class LogCommand implements Callable<Integer> {
  @Mixin StateOptions state;

  @Parameters(paramLabel = "PATH", description = "A .drv or output store path (absolute, or its <hash>-<name> part).")
  String path;

  @Override
  public Integer call() {
    return Run.request(new Request.Log(state.state(), Run.typedPath(path)));
  }
}
