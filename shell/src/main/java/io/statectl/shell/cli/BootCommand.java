package io.statectl.shell.cli;

import io.statectl.shell.engine.Request;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "boot", mixinStandardHelpOptions = true,
    description = {"Show the boot entries of the machine's generations, or choose which one boots.",
        "Every system generation (one with root files) has an init and, while it is among the newest "
            + "boot.loader.configurationLimit, a Boot Loader Specification entry <root>/boot/loader/entries/statectl-N.conf. "
            + "--default N pins loader.conf's default; --once N chooses the next boot only (systemd-boot's "
            + "LoaderEntryOneShot, kept in <root>/boot/loader/statectl-oneshot since there are no EFI variables: "
            + "the next boot-time activation reads and deletes it). Both are recorded in the event log."})
final class BootCommand implements Callable<Integer> {
  @Mixin StateOptions state;
  @Mixin WaitOptions waitOptions;

  @ArgGroup(exclusive = true)
  Choice choice;

  static final class Choice {
    @Option(names = "--default", paramLabel = "N", description = "Boot generation N from now on.")
    Integer defaultGeneration;

    @Option(names = "--once", paramLabel = "N", description = "Boot generation N at the next boot only.")
    Integer once;

    @Option(names = "--activate-at-boot", hidden = true,
        description = "Run by a generation's init as PID 1: activate the generation this boot asked for.")
    boolean activateAtBoot;
  }

  @Option(names = "--generation", paramLabel = "N", hidden = true,
      description = "With --activate-at-boot: the generation the boot loader passed (statectl.generation=N).")
  Integer generation;

  @Option(names = "--init", paramLabel = "PATH", hidden = true,
      description = "With --activate-at-boot: the init that runs (its generation is the fallback).")
  Path init;

  @Option(names = "--root", paramLabel = "DIR",
      description = "The machine's root (default: where the active system generation put its root files, else /).")
  Path root;

  @Override
  public Integer call() {
    Request.BootAction action = Request.BootAction.SHOW;
    Optional<Integer> n = Optional.empty();
    if (choice != null && choice.defaultGeneration != null) {
      action = Request.BootAction.DEFAULT;
      n = Optional.of(choice.defaultGeneration);
    } else if (choice != null && choice.once != null) {
      action = Request.BootAction.ONCE;
      n = Optional.of(choice.once);
    } else if (choice != null && choice.activateAtBoot) {
      action = Request.BootAction.ACTIVATE_AT_BOOT;
      n = Optional.ofNullable(generation);
    }
    return Run.request(new Request.Boot(state.state(), action, n, Optional.ofNullable(root), Optional.ofNullable(init)),
        waitOptions.waitTimeout());
  }
}
