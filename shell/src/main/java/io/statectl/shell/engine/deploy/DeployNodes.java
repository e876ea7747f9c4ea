package io.statectl.shell.engine.deploy;

import io.statectl.api.SourceLocation;
import io.statectl.api.config.ConfigBool;
import io.statectl.api.config.ConfigInt;
import io.statectl.api.config.ConfigList;
import io.statectl.api.config.ConfigString;
import io.statectl.api.config.ConfigTable;
import io.statectl.api.config.ConfigValue;
import io.statectl.api.module.ConfigProblem;
import io.statectl.kernel.config.ConfigReader;
import io.statectl.kernel.config.TomlReader;
import io.statectl.kernel.eval.ConfigInvalidException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code deploy.toml} beside {@code hosts/}: {@code [deploy.nodes.<name>]} tables, each key
 * typed and checked, every problem reported at once with its file:line:column.
 */
public final class DeployNodes {
  static final String FILE = "deploy.toml";
  private static final Set<String> KEYS = Set.of("host", "hostname", "user", "port", "sshOptions", "stateDir", "root",
      "home", "statectl", "confirmTimeout", "magicRollback");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  private DeployNodes() {}

  /** The nodes of {@code config}'s deploy.toml, in definition order; none when it has no such file. */
  public static Map<String, DeployNode> read(Path config) {
    Optional<ConfigReader.Result> read = TomlReader.readIfPresent(config, FILE);
    if (read.isEmpty()) {
      return Map.of();
    }
    ConfigReader.Result result = read.get();
    if (result instanceof ConfigReader.Result.Malformed m) {
      throw new ConfigInvalidException(m.problems());
    }
    ConfigTable top = ((ConfigReader.Result.Parsed) result).document().root();
    List<ConfigProblem> problems = new ArrayList<>();
    Map<String, DeployNode> nodes = new LinkedHashMap<>();
    for (var e : top.entries().entrySet()) {
      if (!e.getKey().equals("deploy")) {
        problems.add(new ConfigProblem(e.getValue().location(), "unknown key '" + e.getKey() + "' in " + FILE,
            "deploy.toml holds only [deploy.nodes.<name>] tables"));
      }
    }
    Optional<ConfigTable> deploy = table(top, "deploy", problems);
    for (var e : deploy.map(d -> d.entries().entrySet()).orElse(Set.of())) {
      if (!e.getKey().equals("nodes")) {
        problems.add(new ConfigProblem(e.getValue().location(), "unknown key 'deploy." + e.getKey() + "'",
            "the only key under [deploy] is nodes: [deploy.nodes.<name>]"));
      }
    }
    Optional<ConfigTable> declared = deploy.flatMap(d -> table(d, "nodes", problems));
    for (var e : declared.map(d -> d.entries().entrySet()).orElse(Set.of())) {
      if (!(e.getValue() instanceof ConfigTable t)) {
        problems.add(new ConfigProblem(e.getValue().location(), "deploy.nodes." + e.getKey() + " must be a table, not a "
            + e.getValue().typeName(), "write [deploy.nodes." + e.getKey() + "] with hostname = …"));
        continue;
      }
      if (!NAME.matcher(e.getKey()).matches()) {
        problems.add(new ConfigProblem(t.location(), "node name '" + e.getKey() + "' has characters a node name may not have",
            "use letters, digits, '.', '_' and '-'"));
      }
      node(e.getKey(), t, problems).ifPresent(n -> nodes.put(n.name(), n));
    }
    if (!problems.isEmpty()) {
      throw new ConfigInvalidException(problems);
    }
    return nodes;
  }

  private static Optional<DeployNode> node(String name, ConfigTable t, List<ConfigProblem> problems) {
    int before = problems.size();
    String prefix = "deploy.nodes." + name + ".";
    for (var e : t.entries().entrySet()) {
      if (!KEYS.contains(e.getKey())) {
        problems.add(new ConfigProblem(e.getValue().location(), "unknown key '" + prefix + e.getKey() + "'",
            "a node takes " + String.join(", ", new java.util.TreeSet<>(KEYS))));
      }
    }
    Optional<String> hostname = string(t, "hostname", prefix, problems);
    if (hostname.isEmpty() && t.get("hostname").isEmpty()) {
      problems.add(new ConfigProblem(t.location(), prefix + "hostname is missing", "give the name or address ssh connects to"));
    }
    String host = string(t, "host", prefix, problems).map(DeployNodes::hostName).orElse(name);
    Optional<String> user = string(t, "user", prefix, problems);
    Optional<Integer> port = Optional.empty();
    Optional<ConfigValue> p = t.get("port");
    if (p.isPresent()) {
      if (p.get() instanceof ConfigInt i && i.value() >= 1 && i.value() <= 65535) {
        port = Optional.of((int) i.value());
      } else {
        problems.add(new ConfigProblem(p.get().location(), prefix + "port must be an integer from 1 to 65535",
            "e.g. port = 22"));
      }
    }
    List<String> options = new ArrayList<>();
    Optional<ConfigValue> o = t.get("sshOptions");
    if (o.isPresent()) {
      if (o.get() instanceof ConfigList l && l.items().stream().allMatch(x -> x instanceof ConfigString)) {
        l.items().forEach(x -> options.add(((ConfigString) x).value()));
      } else {
        problems.add(new ConfigProblem(o.get().location(), prefix + "sshOptions must be a list of strings",
            "e.g. sshOptions = [\"-i\", \"~/.ssh/deploy\", \"-o\", \"ProxyJump=bastion\"]"));
      }
    }
    Optional<Path> stateDir = path(t, "stateDir", prefix, problems);
    Optional<Path> root = path(t, "root", prefix, problems);
    Optional<Path> home = path(t, "home", prefix, problems);
    String statectl = string(t, "statectl", prefix, problems).orElse("statectl");
    Duration timeout = Duration.ofSeconds(30);
    Optional<ConfigValue> c = t.get("confirmTimeout");
    if (c.isPresent()) {
      Optional<Duration> d = c.get() instanceof ConfigString s ? io.statectl.shell.engine.DurationText.parse(s.value())
          : Optional.empty();
      if (d.isPresent() && !d.get().isZero() && !d.get().isNegative()) {
        timeout = d.get();
      } else {
        problems.add(new ConfigProblem(c.get().location(), prefix + "confirmTimeout must be a positive duration",
            "e.g. confirmTimeout = \"30s\" (units: ms, s, m, h, d, w; or PT30S)"));
      }
    }
    DeployNode.Rollback rollback = DeployNode.Rollback.MAGIC;
    Optional<ConfigValue> r = t.get("magicRollback");
    if (r.isPresent()) {
      if (r.get() instanceof ConfigBool b) {
        rollback = b.value() ? DeployNode.Rollback.MAGIC : DeployNode.Rollback.NONE;
      } else {
        problems.add(new ConfigProblem(r.get().location(), prefix + "magicRollback must be true or false", ""));
      }
    }
    if (problems.size() > before || hostname.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new DeployNode(name, host, hostname.get(), user, port, options, stateDir, root, home, statectl,
        timeout, rollback, t.location()));
  }

  /** {@code "hosts/web.toml"} and {@code "web"} both name host {@code web}. */
  private static String hostName(String given) {
    String s = given.startsWith("hosts/") ? given.substring("hosts/".length()) : given;
    return s.endsWith(".toml") ? s.substring(0, s.length() - ".toml".length()) : s;
  }

  private static Optional<ConfigTable> table(ConfigTable in, String key, List<ConfigProblem> problems) {
    Optional<ConfigValue> v = in.get(key);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    if (v.get() instanceof ConfigTable t) {
      return Optional.of(t);
    }
    problems.add(new ConfigProblem(v.get().location(), key + " must be a table, not a " + v.get().typeName(),
        "write [deploy.nodes.<name>] tables"));
    return Optional.empty();
  }

  private static Optional<String> string(ConfigTable t, String key, String prefix, List<ConfigProblem> problems) {
    Optional<ConfigValue> v = t.get(key);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    if (v.get() instanceof ConfigString s && !s.value().isBlank()) {
      return Optional.of(s.value());
    }
    problems.add(new ConfigProblem(v.get().location(), prefix + key + " must be a non-empty string, not a "
        + v.get().typeName(), "quote it: " + key + " = \"…\""));
    return Optional.empty();
  }

  private static Optional<Path> path(ConfigTable t, String key, String prefix, List<ConfigProblem> problems) {
    Optional<String> s = string(t, key, prefix, problems);
    if (s.isPresent() && !s.get().startsWith("/")) {
      problems.add(new ConfigProblem(t.get(key).get().location(), prefix + key + " must be an absolute path on the node",
          "e.g. " + key + " = \"/var/lib/statectl\""));
      return Optional.empty();
    }
    return s.map(Path::of);
  }

}
