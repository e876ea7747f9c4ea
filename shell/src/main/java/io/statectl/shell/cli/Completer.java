package io.statectl.shell.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.statectl.kernel.config.DirectoryConfigFileSystem;
import io.statectl.kernel.state.StateDirectory;
import io.statectl.shell.engine.Engine;
import io.statectl.shell.engine.Output;
import io.statectl.shell.engine.Request;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The candidates for the word being completed, from the picocli model of the command line (so a
 * command added anywhere is completed without touching the shell scripts) and, for values, from
 * the configuration (host names), the state directory (generation numbers) and the option
 * declarations (option paths). The shells' scripts hand it the words and print what it returns.
 */
final class Completer {
  /** Printed alone when the shell should complete file names itself. */
  static final String FILES = "__files__";

  private final CommandSpec root;

  Completer(CommandSpec root) {
    this.root = root;
  }

  /** {@code words}: the command line after {@code statectl}, the last one being the (maybe empty) word completed. */
  List<String> complete(List<String> words) {
    if (words.isEmpty()) {
      words = List.of("");
    }
    String current = words.get(words.size() - 1);
    CommandSpec spec = root;
    Map<String, String> given = new java.util.HashMap<>();
    int positionals = 0;
    OptionSpec pending = null;
    for (String w : words.subList(0, words.size() - 1)) {
      if (pending != null) {
        given.put(pending.longestName(), w);
        pending = null;
      } else if (spec.subcommands().containsKey(w) && positionals == 0) {
        spec = spec.subcommands().get(w).getCommandSpec();
      } else if (w.startsWith("-")) {
        OptionSpec o = spec.findOption(w.contains("=") ? w.substring(0, w.indexOf('=')) : w);
        if (o != null && takesValue(o) && !w.contains("=")) {
          pending = o;
        } else if (o != null && w.contains("=")) {
          given.put(o.longestName(), w.substring(w.indexOf('=') + 1));
        }
      } else {
        positionals++;
      }
    }
    Context ctx = new Context(given);
    if (pending != null) {
      return filter(values(pending, ctx, current), current);
    }
    if (current.startsWith("-")) {
      List<String> names = new ArrayList<>();
      for (OptionSpec o : spec.options()) {
        if (!o.hidden()) {
          names.addAll(List.of(o.names()));
        }
      }
      return filter(names, current);
    }
    List<String> out = new ArrayList<>();
    if (positionals == 0) {
      for (Map.Entry<String, CommandLine> sub : spec.subcommands().entrySet()) {
        if (!sub.getValue().getCommandSpec().usageMessage().hidden()) {
          out.add(sub.getKey());
        }
      }
    }
    PositionalParamSpec p = positional(spec, positionals);
    if (p != null) {
      List<String> v = values(p, ctx, current);
      if (v.equals(List.of(FILES))) {
        return out.isEmpty() ? v : out;
      }
      out.addAll(v);
    }
    return filter(new ArrayList<>(new TreeSet<>(out)), current);
  }

  private static boolean takesValue(OptionSpec o) {
    return o.arity().max() > 0 && o.type() != boolean.class && o.type() != Boolean.class;
  }

  private static PositionalParamSpec positional(CommandSpec spec, int index) {
    for (PositionalParamSpec p : spec.positionalParameters()) {
      if (p.index().contains(index)) {
        return p;
      }
    }
    return null;
  }

  private List<String> values(ArgSpec arg, Context ctx, String current) {
    List<String> declared = new ArrayList<>();
    if (arg.completionCandidates() != null) {
      arg.completionCandidates().forEach(declared::add);
    }
    if (!declared.isEmpty()) {
      return declared;
    }
    String name = arg instanceof OptionSpec o ? o.longestName() : "";
    String label = arg.paramLabel();
    if (name.equals("--host")) {
      return ctx.hosts();
    }
    if (name.equals("--generation") || arg instanceof PositionalParamSpec
        && (arg.type() == int.class || arg.type() == Integer.class)) {
      return ctx.generations();
    }
    if (label.equals("OPTION.PATH") || label.equals("QUERY")) {
      return ctx.optionPaths(current);
    }
    if (arg.type() == Path.class || label.contains("PATH") || label.equals("DIR") || label.equals("FILE")) {
      return List.of(FILES);
    }
    return List.of();
  }

  private static List<String> filter(List<String> candidates, String prefix) {
    if (candidates.equals(List.of(FILES))) {
      return candidates;
    }
    return candidates.stream().filter(c -> c.startsWith(prefix)).toList();
  }

  /** What the words typed so far say about where to look: {@code --config}, {@code --state-dir}. */
  private static final class Context {
    private final Map<String, String> given;

    Context(Map<String, String> given) {
      this.given = given;
    }

    private Path config() {
      String c = given.get("--config");
      return ConfigLocation.config(c == null ? null : Invocation.current().resolve(c));
    }

    private StateDirectory state() {
      StateOptions s = new StateOptions();
      String d = given.get("--state-dir");
      s.stateDir = d == null ? null : Invocation.current().resolve(d);
      return s.state();
    }

    List<String> hosts() {
      Path c = config();
      return Files.isDirectory(c.resolve("hosts")) ? new DirectoryConfigFileSystem(c).hosts() : List.of();
    }

    List<String> generations() {
      if (!state().exists()) {
        return List.of();
      }
      List<String> numbers = new ArrayList<>();
      for (JsonNode g : json(new Request.Generations(state(), Request.Format.JSON)).orElse(MISSING)) {
        numbers.add(g.path("number").asText());
      }
      return numbers;
    }

    List<String> optionPaths(String current) {
      List<String> paths = new ArrayList<>();
      for (JsonNode o : json(new Request.Options(state(), "", Request.OptionsFormat.JSON)).orElse(MISSING)) {
        paths.add(o.path("name").asText());
      }
      return paths;
    }

    private static final JsonNode MISSING = new ObjectMapper().createArrayNode();

    /** Runs a read request through the engine and parses its JSON result; empty if it failed. */
    private Optional<JsonNode> json(Request request) {
      StringBuilder result = new StringBuilder();
      Output capture = new Output() {
        @Override
        public void result(String line) {
          synchronized (result) {
            result.append(line).append('\n');
          }
        }

        @Override
        public void message(String line) {}

        @Override
        public boolean interactive() {
          return false;
        }
      };
      Invocation inv = Invocation.current();
      int rc = new Engine(Run.pluginDir(), capture, new io.statectl.shell.engine.PhaseTimer(false), inv.caller(),
          io.statectl.shell.engine.session.WaitTimeout.FOREVER).handle(request);
      try {
        return rc == 0 ? Optional.of(new ObjectMapper().readTree(result.toString())) : Optional.empty();
      } catch (java.io.IOException e) {
        return Optional.empty();
      }
    }
  }

  /** The root model, for the commands that complete and document the command line. */
  static CommandSpec model() {
    return new CommandLine(new StatectlCommand()).getCommandSpec();
  }
}
