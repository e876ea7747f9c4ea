package io.statectl.kernel.inputs;

import io.statectl.api.SourceLocation;
import io.statectl.api.config.ConfigList;
import io.statectl.api.config.ConfigString;
import io.statectl.api.config.ConfigValue;
import io.statectl.kernel.config.ConfigFormat;
import io.statectl.kernel.config.ConfigLoader;
import io.statectl.kernel.config.ConfigReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Refuses inputs that import each other in a cycle. An input depends on another when one of the
 * configuration files under its {@code modules/} imports {@code other/…}; the check reads every such
 * file of every input (not only those a host reaches), so a cycle is found by {@code statectl lock}
 * already, whichever host would have walked into it.
 */
public final class InputCycles {
  private InputCycles() {}

  /** An import from one input's file of another input's file. */
  private record Edge(String to, String file, SourceLocation at) {}

  /**
   * Checks the inputs whose trees are {@code trees} (by name).
   *
   * @throws InputException {@code CYCLE} naming the inputs in order and the import that closes the cycle
   */
  public static void check(Map<String, Path> trees) {
    Map<String, List<Edge>> edges = new TreeMap<>();
    for (Map.Entry<String, Path> t : trees.entrySet()) {
      edges.put(t.getKey(), importsOf(t.getKey(), t.getValue(), trees.keySet()));
    }
    for (String start : edges.keySet()) {
      Optional<List<Edge>> cycle = cycleFrom(start, edges, new LinkedHashSet<>(), new ArrayList<>());
      if (cycle.isPresent()) {
        List<String> names = new ArrayList<>(List.of(start));
        List<String> where = new ArrayList<>();
        String from = start;
        for (Edge e : cycle.get()) {
          names.add(e.to());
          where.add(from + "/" + e.file() + (e.at().line() > 0 ? ":" + e.at().line() + ":" + e.at().column() : "")
              + " imports " + e.to() + "/…");
          from = e.to();
        }
        throw new InputException(InputException.Reason.CYCLE, start, "inputs import each other in a cycle: "
            + String.join(" -> ", names) + "\n  " + String.join("\n  ", where),
            "move the shared files into one of these inputs (or into the configuration) so that imports between "
                + "inputs go one way");
      }
    }
  }

  private static Optional<List<Edge>> cycleFrom(String at, Map<String, List<Edge>> edges, LinkedHashSet<String> onPath,
      List<Edge> taken) {
    if (onPath.contains(at)) {
      return onPath.iterator().next().equals(at) ? Optional.of(List.copyOf(taken)) : Optional.empty();
    }
    onPath.add(at);
    for (Edge e : edges.getOrDefault(at, List.of())) {
      taken.add(e);
      Optional<List<Edge>> found = cycleFrom(e.to(), edges, onPath, taken);
      taken.remove(taken.size() - 1);
      if (found.isPresent()) {
        return found;
      }
    }
    onPath.remove(at);
    return Optional.empty();
  }

  /** The imports of other inputs written in the configuration files under {@code tree}/modules. */
  private static List<Edge> importsOf(String name, Path tree, Set<String> inputs) {
    Path modules = tree.resolve("modules");
    List<Edge> out = new ArrayList<>();
    if (!Files.isDirectory(modules)) {
      return out;
    }
    List<Path> files;
    try (Stream<Path> s = Files.walk(modules)) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + modules, e);
    }
    for (Path f : files) {
      String rel = tree.relativize(f).toString().replace('\\', '/');
      Optional<ConfigFormat> format = ConfigFormat.of(rel);
      if (format.isEmpty()) {
        continue;
      }
      ConfigReader.Result r;
      try {
        r = format.get().reader().read(rel, Files.readAllBytes(f));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + f, e);
      }
      if (!(r instanceof ConfigReader.Result.Parsed p)) {
        continue; // evaluation reports a malformed file where a host imports it
      }
      Optional<ConfigValue> imports = p.document().root().get(ConfigLoader.IMPORTS);
      if (imports.isPresent() && imports.get() instanceof ConfigList list) {
        for (ConfigValue item : list.items()) {
          if (item instanceof ConfigString s) {
            int slash = s.value().indexOf('/');
            String first = slash < 0 ? "" : s.value().substring(0, slash);
            if (inputs.contains(first) && !first.equals(name)) {
              out.add(new Edge(first, rel, s.location()));
            }
          }
        }
      }
    }
    return out;
  }
}
