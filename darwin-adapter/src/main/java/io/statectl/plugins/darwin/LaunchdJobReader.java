package io.statectl.plugins.darwin;

import io.statectl.api.SourceLocation;
import io.statectl.api.config.ConfigBool;
import io.statectl.api.config.ConfigInt;
import io.statectl.api.config.ConfigList;
import io.statectl.api.config.ConfigString;
import io.statectl.api.config.ConfigTable;
import io.statectl.api.config.ConfigValue;
import io.statectl.api.module.ConfigProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Reads {@code darwin.launchd.agents.<label>} or {@code darwin.launchd.daemons.<label>} tables
 * (already type-checked by the kernel against {@link DarwinOptions}) into {@link LaunchdJob}s,
 * reporting what types cannot say: a bad label, a missing program, text a plist cannot hold.
 */
final class LaunchdJobReader {
  private LaunchdJobReader() {}

  /** The jobs of one kind, in definition order; problems are added to {@code problems}. */
  static List<LaunchdJob> read(LaunchdJob.Kind kind, ConfigTable jobs, List<ConfigProblem> problems) {
    List<LaunchdJob> out = new ArrayList<>();
    for (Map.Entry<String, ConfigValue> e : jobs.entries().entrySet()) {
      job(kind, e.getKey(), (ConfigTable) e.getValue(), problems).ifPresent(out::add);
    }
    return out;
  }

  private static Optional<LaunchdJob> job(LaunchdJob.Kind kind, String label, ConfigTable t, List<ConfigProblem> problems) {
    String option = "darwin.launchd." + kind.noun() + "s.\"" + label + "\"";
    int before = problems.size();
    if (!LaunchdJob.isValidLabel(label)) {
      problems.add(new ConfigProblem(t.location(), option + ": \"" + label + "\" is not a launchd label",
          "use a reverse-DNS name of letters, digits, '.' and '-', e.g. \"org.example." + kind.noun() + "\""));
    }
    Optional<String> program = string(t, DarwinOptions.PROGRAM);
    if (program.isEmpty() || program.get().isEmpty()) {
      problems.add(new ConfigProblem(t.location(), option + " needs a program",
          "write program = \"/usr/bin/true\" (the executable; its arguments go in arguments = [...])"));
    }
    List<String> arguments = t.get(DarwinOptions.ARGUMENTS)
        .map(v -> ((ConfigList) v).items().stream().map(i -> ((ConfigString) i).value()).toList())
        .orElse(List.of());
    TreeMap<String, String> environment = new TreeMap<>();
    t.get(DarwinOptions.ENVIRONMENT).ifPresent(v -> ((ConfigTable) v).entries()
        .forEach((k, s) -> environment.put(k, ((ConfigString) s).value())));
    checkPlistText(option, t, problems);
    if (problems.size() > before) {
      return Optional.empty();
    }
    OptionalLong interval = t.get(DarwinOptions.START_INTERVAL)
        .map(v -> OptionalLong.of(((ConfigInt) v).value())).orElse(OptionalLong.empty());
    return Optional.of(new LaunchdJob(kind, label, program.get(), arguments, environment, bool(t, DarwinOptions.KEEP_ALIVE),
        bool(t, DarwinOptions.RUN_AT_LOAD), interval, string(t, DarwinOptions.STANDARD_OUT_PATH),
        string(t, DarwinOptions.STANDARD_ERROR_PATH), string(t, DarwinOptions.WORKING_DIRECTORY), t.location()));
  }

  private static Optional<String> string(ConfigTable t, String key) {
    return t.get(key).map(v -> ((ConfigString) v).value());
  }

  private static Optional<Boolean> bool(ConfigTable t, String key) {
    return t.get(key).map(v -> ((ConfigBool) v).value());
  }

  /** XML 1.0 cannot hold most control characters, so a plist cannot either. */
  static void checkPlistText(String option, ConfigValue v, List<ConfigProblem> problems) {
    // Java 17 has no pattern switch; bools and numbers hold no text
    if (v instanceof ConfigTable t) {
      t.entries().forEach((k, x) -> {
        checkText(option, k, x.location(), problems);
        checkPlistText(option, x, problems);
      });
    } else if (v instanceof ConfigList l) {
      l.items().forEach(x -> checkPlistText(option, x, problems));
    } else if (v instanceof ConfigString s) {
      checkText(option, s.value(), s.location(), problems);
    }
  }

  private static void checkText(String option, String text, SourceLocation at, List<ConfigProblem> problems) {
    if (text.chars().anyMatch(c -> c < 0x20 && c != '\t' && c != '\n' && c != '\r')) {
      problems.add(new ConfigProblem(at, option + ": a control character cannot be written to a property list",
          "remove it; write tabs and new lines as they are"));
    }
  }
}
