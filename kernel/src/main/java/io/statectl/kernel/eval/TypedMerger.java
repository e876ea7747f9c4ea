package io.statectl.kernel.eval;

import io.statectl.api.SourceLocation;
import io.statectl.api.config.ConfigBool;
import io.statectl.api.config.ConfigInt;
import io.statectl.api.config.ConfigList;
import io.statectl.api.config.ConfigString;
import io.statectl.api.config.ConfigTable;
import io.statectl.api.config.ConfigValue;
import io.statectl.api.module.ConfigProblem;
import io.statectl.api.module.Suggestions;
import io.statectl.api.option.Defaults;
import io.statectl.api.option.OptionDecl;
import io.statectl.api.option.OptionType;
import io.statectl.kernel.config.ConfigFileSystem;
import io.statectl.kernel.config.RepositoryPaths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Merges the definitions of every option by its declared type and priority, and checks them:
 * submodules option by option (unknown keys get a "did you mean"), attrs key by key, lists
 * concatenated in definition order, scalars agreeing at the strongest priority present.
 */
final class TypedMerger {
  /** Whether a merge produces values or only checks definitions that do not apply here. */
  enum Mode { MERGE, CHECK_ONLY }

  private static final Map<String, Pattern> PATTERNS = new java.util.concurrent.ConcurrentHashMap<>();
  private final ConfigFileSystem files;
  private final List<ConfigProblem> problems;
  private final Mode mode;
  private final Map<String, OptionTrace> traces = new LinkedHashMap<>();
  private final Map<String, String> declaredBy;

  TypedMerger(ConfigFileSystem files, List<ConfigProblem> problems, Mode mode, Map<String, String> declaredBy) {
    this.files = files;
    this.problems = problems;
    this.mode = mode;
    this.declaredBy = declaredBy;
  }

  Map<String, OptionTrace> traces() {
    return traces;
  }

  /** Merges the definitions of one declared option; empty when it has no value. */
  Optional<ConfigValue> option(String path, OptionDecl decl, List<Definition> defs) {
    List<Definition> all = defs;
    if (defs.isEmpty()) {
      if (decl.defaultValue().isPresent()) {
        all = List.of(new Definition(decl.defaultValue().get(), Priority.OPTION_DEFAULT));
      } else if (decl.type() instanceof OptionType.Submodule) {
        // A submodule nobody defined still has its options' defaults.
        all = List.of(new Definition(Defaults.emptyTable(), Priority.OPTION_DEFAULT));
      } else {
        if (decl.presence() == OptionDecl.Presence.REQUIRED && mode == Mode.MERGE) {
          problems.add(new ConfigProblem(SourceLocation.ofFile(requiredAt), "option " + path
              + " is required but has no value (declared by " + declarer(path) + ")",
              "define " + path + " in the host's configuration" + decl.example().map(e -> ", e.g. " + e).orElse("")));
        }
        return Optional.empty();
      }
    }
    return type(path, decl.type(), all);
  }

  private String requiredAt = "(configuration)";

  void requiredAt(String entryFile) {
    this.requiredAt = entryFile;
  }

  private static String root(String path) {
    return OptionPaths.parse(path).map(k -> k.get(0)).orElse(path);
  }

  /** The module that declared {@code path}: the one with the longest matching namespace. */
  private String declarer(String path) {
    String best = "core";
    int bestLength = -1;
    for (Map.Entry<String, String> e : declaredBy.entrySet()) {
      String ns = e.getKey();
      if ((path.equals(ns) || path.startsWith(ns + ".")) && ns.length() > bestLength) {
        best = e.getValue();
        bestLength = ns.length();
      }
    }
    return best;
  }

  Optional<ConfigValue> type(String path, OptionType type, List<Definition> defs) {
    if (type instanceof OptionType.Submodule s) {
      return submodule(path, s, defs);
    } else if (type instanceof OptionType.AttrsOf a) {
      return attrs(path, a, defs);
    } else if (type instanceof OptionType.ListOf l) {
      return list(path, l, defs);
    } else if (type instanceof OptionType.Anything && !defs.isEmpty()
        && defs.stream().allMatch(d -> d.value() instanceof ConfigTable)) {
      return attrs(path, new OptionType.AttrsOf(type), defs);
    } else if (type instanceof OptionType.Anything && !defs.isEmpty()
        && defs.stream().allMatch(d -> d.value() instanceof ConfigList)) {
      return list(path, new OptionType.ListOf(type), defs);
    }
    return scalar(path, type, defs);
  }

  private Optional<ConfigValue> submodule(String path, OptionType.Submodule s, List<Definition> defs) {
    Map<String, List<Definition>> byKey = new LinkedHashMap<>();
    List<ConfigTable> tables = tables(path, "a table of options", defs);
    for (int i = 0; i < defs.size(); i++) {
      if (!(defs.get(i).value() instanceof ConfigTable t)) {
        continue;
      }
      for (Map.Entry<String, ConfigValue> e : t.entries().entrySet()) {
        if (!s.options().containsKey(e.getKey())) {
          unknown(path, e.getKey(), e.getValue(), s.options().keySet());
          continue;
        }
        byKey.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(new Definition(e.getValue(), defs.get(i).priority()));
      }
    }
    Map<String, ConfigValue> out = new LinkedHashMap<>();
    for (Map.Entry<String, OptionDecl> o : s.options().entrySet()) {
      option(OptionPaths.child(path, o.getKey()), o.getValue(), byKey.getOrDefault(o.getKey(), List.of()))
          .ifPresent(v -> out.put(o.getKey(), v));
    }
    return Optional.of(new ConfigTable(out, tables.isEmpty() ? Defaults.LOCATION : tables.get(0).location()));
  }

  private Optional<ConfigValue> attrs(String path, OptionType.AttrsOf a, List<Definition> defs) {
    List<ConfigTable> tables = tables(path, "a table", defs);
    Map<String, List<Definition>> byKey = new LinkedHashMap<>();
    for (Definition d : defs) {
      if (d.value() instanceof ConfigTable t) {
        t.entries().forEach((k, v) -> byKey.computeIfAbsent(k, x -> new ArrayList<>()).add(new Definition(v, d.priority())));
      }
    }
    Map<String, ConfigValue> out = new LinkedHashMap<>();
    byKey.forEach((k, sub) -> type(OptionPaths.child(path, k), a.element(), sub).ifPresent(v -> out.put(k, v)));
    return Optional.of(new ConfigTable(out, tables.isEmpty() ? Defaults.LOCATION : tables.get(0).location()));
  }

  private Optional<ConfigValue> list(String path, OptionType.ListOf l, List<Definition> defs) {
    Priority best = strongest(defs);
    List<ConfigValue> items = new ArrayList<>();
    SourceLocation at = null;
    for (Definition d : defs) {
      if (!(d.value() instanceof ConfigList list)) {
        mismatch(path, l, d.value());
        continue;
      }
      if (d.priority() != best) {
        continue;
      }
      at = at == null ? list.location() : at;
      for (int i = 0; i < list.items().size(); i++) {
        ConfigValue item = list.items().get(i);
        type(path + "[" + items.size() + "]", l.element(), List.of(new Definition(item, best))).ifPresent(items::add);
      }
    }
    traces.put(path, new OptionTrace(path, defs, best));
    return Optional.of(new ConfigList(items, at == null ? defs.get(0).value().location() : at));
  }

  private Optional<ConfigValue> scalar(String path, OptionType type, List<Definition> defs) {
    Priority best = strongest(defs);
    List<ConfigValue> winners = new ArrayList<>();
    for (Definition d : defs) {
      Optional<ConfigValue> v = check(path, type, d.value());
      if (v.isPresent() && d.priority() == best) {
        winners.add(v.get());
      }
    }
    traces.put(path, new OptionTrace(path, defs, best));
    if (winners.isEmpty()) {
      return Optional.empty();
    }
    Set<String> distinct = new LinkedHashSet<>();
    if (winners.size() > 1) {
      winners.forEach(w -> distinct.add(EvaluatedValues.render(w)));
    }
    if (distinct.size() > 1 && mode == Mode.MERGE) {
      ConfigValue last = winners.get(winners.size() - 1);
      problems.add(new ConfigProblem(last.location(), "conflicting definitions of " + path + " (priority "
          + best.label() + "): " + winners.stream().map(w -> EvaluatedValues.render(w) + " at " + w.location())
              .collect(Collectors.joining(", ")),
          "make them agree, or settle it on purpose: put the winner under [force." + root(path)
              + "] or the others under [defaults." + root(path) + "]"));
    }
    return Optional.of(winners.get(0));
  }

  /** Checks one scalar definition against its type; returns the value as modules see it. */
  private Optional<ConfigValue> check(String path, OptionType type, ConfigValue v) {
    if (type instanceof OptionType.Bool) {
      return v instanceof ConfigBool ? Optional.of(v) : mismatch(path, type, v);
    } else if (type instanceof OptionType.Int i) {
      if (!(v instanceof ConfigInt n)) {
        return mismatch(path, type, v);
      }
      if ((i.min().isPresent() && n.value() < i.min().getAsLong()) || (i.max().isPresent() && n.value() > i.max().getAsLong())) {
        problems.add(new ConfigProblem(v.location(), path + ": expected " + type.describe() + ", got " + n.value(),
            "choose a value in the range"));
        return Optional.empty();
      }
      return Optional.of(v);
    } else if (type instanceof OptionType.Str s) {
      if (!(v instanceof ConfigString str)) {
        return mismatch(path, type, v);
      }
      if (s.pattern().isPresent() && !str.value().contains("${") && !PATTERNS.computeIfAbsent(s.pattern().get(), Pattern::compile).matcher(str.value()).matches()) {
        problems.add(new ConfigProblem(v.location(), path + ": \"" + str.value() + "\" does not match /"
            + s.pattern().get() + "/", "write a value of the form the option's description gives"));
        return Optional.empty();
      }
      return Optional.of(v);
    } else if (type instanceof OptionType.Enumeration e) {
      if (!(v instanceof ConfigString str)) {
        return mismatch(path, type, v);
      }
      if (!e.values().contains(str.value())) {
        problems.add(new ConfigProblem(v.location(), path + ": expected " + type.describe() + ", got \"" + str.value() + "\"",
            Suggestions.closest(str.value(), e.values()).map(x -> "did you mean \"" + x + "\"?")
                .orElse("use one of the listed values")));
        return Optional.empty();
      }
      return Optional.of(v);
    } else if (type instanceof OptionType.PathRef) {
      return path(path, v);
    } else if (type instanceof OptionType.Anything) {
      return Optional.of(v);
    } else if (type instanceof OptionType.PackageRef) {
      if (!(v instanceof ConfigString str) || str.value().isBlank()) {
        return mismatch(path, type, v);
      }
      return Optional.of(v);
    }
    throw new IllegalStateException("unhandled option type " + type);
  }

  private Optional<ConfigValue> path(String path, ConfigValue v) {
    if (!(v instanceof ConfigString s)) {
      return mismatch(path, OptionType.path(), v);
    }
    String from = v.location().file().startsWith("(") ? "" : v.location().file();
    Optional<String> resolved = RepositoryPaths.resolve(from, s.value());
    if (resolved.isEmpty()) {
      problems.add(new ConfigProblem(v.location(), path + ": path leaves the configuration repository: " + s.value(),
          "copy the file into the repository, e.g. under files/, and refer to it relative to this file"));
      return Optional.empty();
    }
    if (files.read(resolved.get()).isEmpty()) {
      problems.add(new ConfigProblem(v.location(), path + ": file not found: " + resolved.get(),
          "paths are relative to the file that names them; create the file or fix the path"));
      return Optional.empty();
    }
    return Optional.of(new ConfigString(resolved.get(), v.location()));
  }

  private List<ConfigTable> tables(String path, String expected, List<Definition> defs) {
    List<ConfigTable> out = new ArrayList<>();
    for (Definition d : defs) {
      if (d.value() instanceof ConfigTable t) {
        out.add(t);
      } else {
        problems.add(new ConfigProblem(d.value().location(), (path.isEmpty() ? "the configuration" : path)
            + ": expected " + expected + ", got " + d.value().typeName() + " " + EvaluatedValues.render(d.value()),
            "write it as a TOML table: [" + (path.isEmpty() ? "section" : path) + "]"));
      }
    }
    return out;
  }

  private void unknown(String path, String key, ConfigValue at, Set<String> known) {
    String full = OptionPaths.child(path, key);
    problems.add(new ConfigProblem(at.location(), "unknown option '" + full + "'",
        Suggestions.closest(key, known).map(s -> "did you mean '" + OptionPaths.child(path, s) + "'?")
            .orElse(known.isEmpty() ? "this table takes no options"
                : "known here: " + known.stream().map(k -> OptionPaths.child(path, k)).collect(Collectors.joining(", ")))));
  }

  private Optional<ConfigValue> mismatch(String path, OptionType type, ConfigValue v) {
    problems.add(new ConfigProblem(v.location(), path + ": expected " + type.describe() + ", got " + v.typeName()
        + " " + EvaluatedValues.render(v), "change the value to " + article(type.describe())));
    return Optional.empty();
  }

  private static String article(String type) {
    return (type.matches("^[aeiou].*") ? "an " : "a ") + type;
  }

  private static Priority strongest(List<Definition> defs) {
    Priority best = Priority.OPTION_DEFAULT;
    for (Definition d : defs) {
      if (d.priority().strongerThan(best)) {
        best = d.priority();
      }
    }
    return best;
  }
}
