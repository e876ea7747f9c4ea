package io.statectl.shell;

import io.statectl.shell.cli.StatectlCommand;
import java.util.Arrays;

/**
 * The engine's process entry point: runs one command in this process ({@code --no-server},
 * {@code STATECTL_NO_SERVER=1}), or, as {@code statectl server}, the resident server. The
 * everyday {@code statectl} is the thin client {@code io.statectl.client.Client}.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    // --no-server chooses this process; it means nothing to the commands themselves
    java.util.List<String> argv = Arrays.stream(args).filter(a -> !a.equals("--no-server")).toList();
    java.util.List<String> translated = io.statectl.client.SandboxAlias.translate(argv, System.getenv());
    if (translated != argv) {
      // run by the launcher directly (--no-server): this process is the one command it applies to
      System.err.print(io.statectl.client.SandboxAlias.warning());
    }
    String[] rest = translated.toArray(String[]::new);
    System.exit(StatectlCommand.run(rest));
  }
}
