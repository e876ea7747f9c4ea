package io.statectl.kernel.config;

import io.statectl.api.SourceLocation;
import io.statectl.api.config.ConfigBool;
import io.statectl.api.config.ConfigFloat;
import io.statectl.api.config.ConfigInt;
import io.statectl.api.config.ConfigList;
import io.statectl.api.config.ConfigString;
import io.statectl.api.config.ConfigTable;
import io.statectl.api.config.ConfigValue;
import io.statectl.api.module.ConfigProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads YAML through snakeyaml-engine's node API, which keeps a mark on every node. As with TOML,
 * a mapping value is located at its key. Anchors, tags other than the core schema's, and null
 * values are refused: configuration is plain data.
 */
public final class YamlReader implements ConfigReader {

  @Override
  public Result read(String path, byte[] bytes) {
    List<ConfigProblem> problems = new ArrayList<>();
    Optional<String> text = ConfigReader.utf8(path, bytes, problems);
    if (text.isEmpty()) {
      return new Result.Malformed(problems);
    }
    Optional<Node> root;
    try {
      LoadSettings settings = LoadSettings.builder().setAllowDuplicateKeys(false).setLabel(path).build();
      root = new Compose(settings).composeString(text.get());
    } catch (MarkedYamlEngineException e) {
      Mark m = e.getProblemMark().or(e::getContextMark).orElse(null);
      return new Result.Malformed(List.of(new ConfigProblem(
          m == null ? SourceLocation.ofFile(path) : new SourceLocation(path, m.getLine() + 1, m.getColumn() + 1),
          "YAML syntax error: " + e.getProblem(), "fix the syntax (YAML reference: https://yaml.org/spec/1.2.2/)")));
    } catch (YamlEngineException e) {
      return new Result.Malformed(List.of(new ConfigProblem(SourceLocation.ofFile(path),
          "YAML error: " + e.getMessage(), "fix the syntax (YAML reference: https://yaml.org/spec/1.2.2/)")));
    }
    SourceLocation top = new SourceLocation(path, 1, 1);
    if (root.isEmpty()) {
      return new Result.Parsed(new ConfigDocument(path, new ConfigTable(Map.of(), top)));
    }
    ConfigValue v = value(path, root.get(), top, problems);
    if (!(v instanceof ConfigTable t)) {
      problems.add(new ConfigProblem(top, "a configuration file must hold a mapping at the top, got " + v.typeName(),
          "write options as `key: value` lines"));
      return new Result.Malformed(problems);
    }
    return problems.isEmpty() ? new Result.Parsed(new ConfigDocument(path, t)) : new Result.Malformed(problems);
  }

  private static SourceLocation at(String path, Node n, SourceLocation fallback) {
    return n.getStartMark().map(m -> new SourceLocation(path, m.getLine() + 1, m.getColumn() + 1)).orElse(fallback);
  }

  private ConfigValue value(String path, Node n, SourceLocation at, List<ConfigProblem> problems) {
    if (n instanceof MappingNode m) {
      Map<String, ConfigValue> entries = new LinkedHashMap<>();
      for (NodeTuple t : m.getValue()) {
        SourceLocation keyAt = at(path, t.getKeyNode(), at);
        if (!(t.getKeyNode() instanceof ScalarNode k)) {
          problems.add(new ConfigProblem(keyAt, "keys must be plain strings", "quote the key"));
          continue;
        }
        if (entries.containsKey(k.getValue())) {
          problems.add(new ConfigProblem(keyAt, "YAML syntax error: duplicate key '" + k.getValue() + "'",
              "write each key once per mapping"));
          continue;
        }
        entries.put(k.getValue(), value(path, t.getValueNode(), keyAt, problems));
      }
      return new ConfigTable(entries, at);
    }
    if (n instanceof SequenceNode s) {
      List<ConfigValue> items = new ArrayList<>();
      for (Node item : s.getValue()) {
        items.add(value(path, item, at(path, item, at), problems));
      }
      return new ConfigList(items, at);
    }
    ScalarNode s = (ScalarNode) n;
    Tag tag = s.getTag();
    try {
      if (tag.equals(Tag.BOOL)) {
        return new ConfigBool(Boolean.parseBoolean(s.getValue().toLowerCase(java.util.Locale.ROOT)), at);
      } else if (tag.equals(Tag.INT)) {
        return new ConfigInt(Long.decode(s.getValue().replace("_", "").replace("0o", "0")), at);
      } else if (tag.equals(Tag.FLOAT)) {
        return new ConfigFloat(Double.parseDouble(s.getValue()), at);
      } else if (tag.equals(Tag.NULL)) {
        problems.add(new ConfigProblem(at, "null values are not configuration", "give a value, or remove the key"));
        return new ConfigString("", at);
      }
    } catch (NumberFormatException e) {
      problems.add(new ConfigProblem(at, "not a number: " + s.getValue(), "write a decimal number"));
    }
    return new ConfigString(s.getValue(), at);
  }
}
