package io.statectl.shell.cli;

import io.statectl.shell.engine.cache.SubstituterFlags;
import java.util.ArrayList;
import java.util.List;
import java.util.Stack;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The substitution flags of {@code apply}, {@code build} and {@code install}, spelled as Nix spells
 * them; the engine validates them (STC-E166), so a typo is a located, coded error.
 */
public final class SubstituterOptions {
  @Option(names = "--substituters", paramLabel = "URL…",
      description = "Use these binary caches instead of store.substituters for this command (repeatable; a value may "
          + "hold several URLs separated by spaces, as Nix's). file:///dir, http(s)://….")
  List<String> substituters = new ArrayList<>();

  @Option(names = "--extra-substituters", paramLabel = "URL…",
      description = "Ask these binary caches too, after store.substituters (repeatable).")
  List<String> extraSubstituters = new ArrayList<>();

  @Option(names = "--option", paramLabel = "NAME=VALUE", parameterConsumer = NixOption.class,
      description = "A Nix setting for this command, as NAME=VALUE or Nix's NAME VALUE: substituters, "
          + "extra-substituters, trusted-public-keys, extra-trusted-public-keys (NAME:base64 keys), require-sigs, "
          + "connect-timeout (s), http-connections (parallel downloads, default 4).")
  List<String> options = new ArrayList<>();

  @Option(names = {"-q", "--quiet"}, description = "No live download progress (there is none when stderr is not a terminal either).")
  boolean quiet;

  @Option(names = "--no-sandbox",
      description = "Build without the bubblewrap sandbox for this command only (for machines without user "
          + "namespaces): builders can read your files and reach the network. Such builds are recorded as "
          + "unsandboxed (see `store path-info`). The setting store.sandbox = false does the same for a "
          + "configuration. STATECTL_NO_SANDBOX=1 is a deprecated alias of this flag.")
  boolean noSandbox;

  SubstituterFlags flags() {
    return new SubstituterFlags(substituters, extraSubstituters, options, quiet, noSandbox);
  }

  /**
   * Takes {@code NAME=VALUE} as one argument, or Nix's {@code --option NAME VALUE} as two: a first
   * argument without {@code =} takes the next one as its value.
   */
  static final class NixOption implements CommandLine.IParameterConsumer {
    @Override
    public void consumeParameters(Stack<String> args, CommandLine.Model.ArgSpec argSpec,
        CommandLine.Model.CommandSpec commandSpec) {
      if (args.isEmpty()) {
        throw new CommandLine.ParameterException(commandSpec.commandLine(), "--option needs NAME=VALUE or NAME VALUE");
      }
      String name = args.pop();
      String value;
      if (name.contains("=")) {
        value = name;
      } else if (args.isEmpty()) {
        throw new CommandLine.ParameterException(commandSpec.commandLine(), "--option " + name + " needs a value: "
            + "--option " + name + "=VALUE or --option " + name + " VALUE");
      } else {
        value = name + "=" + args.pop();
      }
      List<String> list = argSpec.getValue();
      if (list == null) {
        list = new ArrayList<>();
      }
      list.add(value);
      argSpec.setValue(list);
    }
  }
}
