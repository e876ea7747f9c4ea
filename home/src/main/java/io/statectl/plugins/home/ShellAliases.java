package io.statectl.plugins.home;

import io.statectl.api.config.ConfigString;
import io.statectl.api.config.ConfigTable;
import io.statectl.api.config.ConfigValue;
import io.statectl.api.module.ConfigProblem;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * {@code home.shellAliases}: names every shell accepts as an alias (bash, zsh and fish), sorted.
 * The home module reports bad names; the shells read the same option and leave them out.
 */
final class ShellAliases {
  static final String OPTION = "home.shellAliases";
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.,:+@%][A-Za-z0-9_.,:+@%-]*");

  private ShellAliases() {}

  static SortedMap<String, String> read(Optional<ConfigValue> option, List<ConfigProblem> problems) {
    SortedMap<String, String> out = new TreeMap<>();
    if (option.isEmpty() || !(option.get() instanceof ConfigTable table)) {
      return out;
    }
    for (Map.Entry<String, ConfigValue> e : table.entries().entrySet()) {
      if (!(e.getValue() instanceof ConfigString s)) {
        continue;
      }
      if (!NAME.matcher(e.getKey()).matches()) {
        problems.add(new ConfigProblem(s.location(), OPTION + ": '" + e.getKey() + "' cannot name an alias",
            "use letters, digits and . _ , : + @ % - (not first), e.g. ll"));
      } else if (s.value().indexOf('\0') >= 0) {
        problems.add(new ConfigProblem(s.location(), OPTION + "." + e.getKey() + ": the command holds a NUL character",
            "remove it"));
      } else {
        out.put(e.getKey(), s.value());
      }
    }
    return out;
  }
}
