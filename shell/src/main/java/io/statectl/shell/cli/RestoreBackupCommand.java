package io.statectl.shell.cli;

import io.statectl.shell.engine.Request;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "restore-backup", mixinStandardHelpOptions = true,
    description = "Write a backed-up file's content back, to its old place or elsewhere.")
final class RestoreBackupCommand implements Callable<Integer> {
  @Mixin StateOptions state;
  @Mixin WaitOptions waitOptions;

  @Parameters(paramLabel = "ID", description = "The backup's id, as `statectl backups` shows it.")
  long id;

  @Option(names = "--to", paramLabel = "PATH", description = "Where to write it (default: where it was).")
  Path to;

  @Option(names = "--force", description = "Replace a statectl-managed link at the destination.")
  boolean force;

  @Override
  public Integer call() {
    return Run.request(new Request.RestoreBackup(state.state(), id, Optional.ofNullable(to),
        force ? Request.Overwrite.REPLACE_MANAGED_LINK : Request.Overwrite.REFUSE), waitOptions.waitTimeout());
  }
}
