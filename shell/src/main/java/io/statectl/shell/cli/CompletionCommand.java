package io.statectl.shell.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "completion", mixinStandardHelpOptions = true,
    description = {"Print the shell completion script for bash, zsh or fish.",
        "bash: `source <(statectl completion bash)` (or save it under /etc/bash_completion.d/statectl); "
            + "zsh: `source <(statectl completion zsh)` after compinit (or save it as _statectl in $fpath); "
            + "fish: `statectl completion fish > ~/.config/fish/completions/statectl.fish`.",
        "Commands, options, host names (from hosts/ of --config), generation numbers and option paths "
            + "are completed; the script asks `statectl __complete` for them, so it never goes stale."})
final class CompletionCommand implements Callable<Integer> {
  static final List<String> SHELLS = List.of("bash", "zsh", "fish");

  @picocli.CommandLine.Mixin StateOptions state;

  @Parameters(paramLabel = "SHELL", description = "bash, zsh or fish.", completionCandidates = Shells.class)
  String shell;

  static final class Shells extends java.util.ArrayList<String> {
    private static final long serialVersionUID = 1L;

    Shells() {
      super(SHELLS);
    }
  }

  @Override
  public Integer call() {
    Invocation inv = Invocation.current();
    if (!SHELLS.contains(shell)) {
      inv.err().println("error[" + io.statectl.kernel.ErrorCode.USAGE.id() + "]: there is no completion for the shell '"
          + shell + "'\n  hint: the supported shells are " + String.join(", ", SHELLS));
      return io.statectl.kernel.ErrorCode.USAGE.exitCode();
    }
    inv.out().print(script(shell));
    inv.out().flush();
    return 0;
  }

  /** The completion script for {@code shell} (one of {@link #SHELLS}). */
  static String script(String shell) {
    try (InputStream in = CompletionCommand.class.getResourceAsStream("completion." + shell)) {
      if (in == null) {
        throw new IllegalStateException("completion." + shell + " is missing from the shell jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
