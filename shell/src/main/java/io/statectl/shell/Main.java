package io.statectl.shell;

import io.statectl.shell.cli.StatectlCommand;

/** The {@code statectl} process entry point. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(StatectlCommand.run(args));
  }
}
