package io.statectl.shell.cli;

import picocli.CommandLine.Option;

/** {@code --profile NAME}: which profile a command acts on. */
final class ProfileOption {
  @Option(names = "--profile", paramLabel = "NAME", defaultValue = "system",
      description = "The profile: system (default), or home-<user> for a user's home generations.")
  String profile;
}
