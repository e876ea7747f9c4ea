package io.statectl.kernel.secrets;

import io.statectl.api.SourceLocation;
import io.statectl.api.config.ConfigBool;
import io.statectl.api.config.ConfigList;
import io.statectl.api.config.ConfigString;
import io.statectl.api.config.ConfigTable;
import io.statectl.api.config.ConfigValue;
import io.statectl.api.module.ConfigProblem;
import io.statectl.kernel.config.RepositoryPaths;
import io.statectl.kernel.secrets.age.Recipient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The evaluated {@code secrets} namespace read into values: the declared secrets, the hosts'
 * public keys ({@code secrets.recipients.<host>}) and the identity override
 * ({@code secrets.identity}), with every problem found, each at its definition's location.
 */
public record SecretsConfig(List<SecretDeclaration> secrets, Map<String, String> hostRecipients,
    Optional<String> identity, List<ConfigProblem> problems) {
  public static final String NAMESPACE = "secrets";
  private static final Set<String> RESERVED = Set.of("recipients", "identity");
  private static final Set<String> KEYS =
      Set.of("file", "path", "owner", "group", "mode", "recipients", "allowOutsideRuntime");
  private static final Pattern MODE = Pattern.compile("0?[0-7]{3}");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  public SecretsConfig {
    secrets = List.copyOf(secrets);
    hostRecipients = Map.copyOf(hostRecipients);
    problems = List.copyOf(problems);
  }

  public static final SecretsConfig NONE = new SecretsConfig(List.of(), Map.of(), Optional.empty(), List.of());

  /**
   * Where a table of secrets lives and where its plaintext goes: the machine's {@code secrets}, or
   * a home's {@code home.secrets}, whose files are always {@link SecretDeclaration#HOME_RUNTIME_DIR}
   * {@code /<name>} under the user's runtime directory (no path, no owner: the home's user).
   */
  record Scope(String prefix, String runtimeDir, boolean home) {
    static final Scope SYSTEM = new Scope(NAMESPACE, SecretDeclaration.RUNTIME_DIR, false);
    static final Scope HOME = new Scope("home." + NAMESPACE, SecretDeclaration.HOME_RUNTIME_DIR, true);
  }

  /** Reads the whole evaluated configuration's {@code secrets} table. */
  public static SecretsConfig of(ConfigTable config) {
    return config.get(NAMESPACE).filter(v -> v instanceof ConfigTable).map(v -> parse((ConfigTable) v))
        .orElse(NONE);
  }

  /**
   * Reads the evaluated configuration's {@code home.secrets} table: the same declarations, placed
   * under the home user's runtime directory and opened with {@code home.secrets.identity}
   * (default {@value SecretsManifest#DEFAULT_HOME_IDENTITY}).
   */
  public static SecretsConfig homeOf(ConfigTable config) {
    return config.get("home").filter(v -> v instanceof ConfigTable)
        .flatMap(h -> ((ConfigTable) h).get(NAMESPACE)).filter(v -> v instanceof ConfigTable)
        .map(v -> parse((ConfigTable) v, Scope.HOME)).orElse(NONE);
  }

  public boolean isEmpty() {
    return secrets.isEmpty();
  }

  static SecretsConfig parse(ConfigTable table) {
    return parse(table, Scope.SYSTEM);
  }

  static SecretsConfig parse(ConfigTable table, Scope scope) {
    String ns = scope.prefix();
    List<ConfigProblem> problems = new ArrayList<>();
    Map<String, String> hosts = new TreeMap<>();
    Optional<String> identity = Optional.empty();
    if (table.get("recipients").orElse(null) instanceof ConfigTable r) {
      for (Map.Entry<String, ConfigValue> e : r.entries().entrySet()) {
        if (e.getValue() instanceof ConfigString s && validKey(s, ns + ".recipients." + e.getKey(), problems)) {
          hosts.put(e.getKey(), Recipient.parse(s.value()).encoded());
        } else if (!(e.getValue() instanceof ConfigString)) {
          problems.add(problem(e.getValue().location(), ns + ".recipients." + e.getKey() + " must be a string",
              "an age1… key or an ssh-ed25519 public key line"));
        }
      }
    } else if (table.get("recipients").isPresent()) {
      problems.add(problem(table.get("recipients").get().location(), ns + ".recipients must be a table",
          "[secrets.recipients] laptop = \"age1…\""));
    }
    if (table.get("identity").isPresent()) {
      if (table.get("identity").get() instanceof ConfigString s
          && (s.value().startsWith("/") || scope.home() && s.value().startsWith("~/"))) {
        identity = Optional.of(s.value());
      } else {
        problems.add(problem(table.get("identity").get().location(), ns + ".identity must be an absolute path"
            + (scope.home() ? " or one starting with ~/" : ""), scope.home()
            ? "identity = \"~/.config/age/keys.txt\"" : "identity = \"/etc/ssh/ssh_host_ed25519_key\""));
      }
    }
    List<SecretDeclaration> secrets = new ArrayList<>();
    for (Map.Entry<String, ConfigValue> e : new TreeMap<>(table.entries()).entrySet()) {
      if (RESERVED.contains(e.getKey())) {
        continue;
      }
      declaration(e.getKey(), e.getValue(), hosts, problems, scope).ifPresent(secrets::add);
    }
    return new SecretsConfig(secrets, hosts, identity, problems);
  }

  private static Optional<SecretDeclaration> declaration(String name, ConfigValue value, Map<String, String> hosts,
      List<ConfigProblem> problems, Scope scope) {
    String at = scope.prefix() + "." + name;
    if (!(value instanceof ConfigTable t)) {
      problems.add(problem(value.location(), at + " must be a table", "[" + at + "] file = \"secrets/"
          + name + ".age\""));
      return Optional.empty();
    }
    int before = problems.size();
    if (!NAME.matcher(name).matches()) {
      problems.add(problem(t.location(), "secret name '" + name + "' is not a plain name", "use letters, digits, . _ -"));
    }
    for (String k : t.entries().keySet()) {
      if (!KEYS.contains(k)) {
        problems.add(problem(t.entries().get(k).location(), "unknown key " + at + "." + k,
            "the keys are " + String.join(", ", new java.util.TreeSet<>(KEYS))));
      }
    }
    Optional<String> file = string(t, "file", at, problems);
    Optional<String> repoFile = Optional.empty();
    if (file.isEmpty()) {
      problems.add(problem(t.location(), at + ".file is not set", "file = \"secrets/" + name + ".age\" (relative to "
          + "this file)"));
    } else {
      repoFile = RepositoryPaths.resolve(t.entries().get("file").location().file(), file.get());
      if (repoFile.isEmpty()) {
        problems.add(problem(t.entries().get("file").location(), at + ".file '" + file.get()
            + "' is outside the repository", "keep the .age file inside the configuration repository"));
      }
    }
    if (scope.home()) {
      for (String k : List.of("path", "owner", "allowOutsideRuntime")) {
        t.get(k).ifPresent(v -> problems.add(problem(v.location(), at + "." + k + " cannot be set for a home's secret",
            "a home's secret is always $XDG_RUNTIME_DIR" + SecretDeclaration.HOME_RUNTIME_DIR + "/" + name
                + ", owned by the home's user; remove " + k)));
      }
    }
    String runtime = scope.runtimeDir();
    String path = scope.home() ? runtime + "/" + name : string(t, "path", at, problems).orElse(runtime + "/" + name);
    boolean outside = t.get("allowOutsideRuntime").orElse(null) instanceof ConfigBool b && b.value();
    SourceLocation pathAt = t.get("path").map(ConfigValue::location).orElse(t.location());
    if (!path.startsWith("/") || path.contains("/../") || path.endsWith("/..") || path.contains("//")) {
      problems.add(problem(pathAt, at + ".path '" + path + "' is not a normalised absolute path",
          "path = \"" + runtime + "/" + name + "\""));
    } else if (!path.startsWith(runtime + "/") && !outside) {
      problems.add(problem(pathAt, at + ".path '" + path + "' is outside the runtime directory "
          + runtime + " (a tmpfs, gone at reboot)",
          "move it under " + runtime + "/, or set allowOutsideRuntime = true to write the "
              + "plaintext to a persistent disk on purpose"));
    }
    String modeText = string(t, "mode", at, problems).orElse("0400");
    int mode = 0400;
    if (!MODE.matcher(modeText).matches()) {
      problems.add(problem(t.get("mode").map(ConfigValue::location).orElse(t.location()), at + ".mode '" + modeText
          + "' is not an octal file mode", "write it as a string of octal digits, e.g. mode = \"0400\" or \"0440\""));
    } else {
      mode = Integer.parseInt(modeText, 8);
    }
    List<String> recipients = new ArrayList<>();
    if (t.get("recipients").orElse(null) instanceof ConfigList l) {
      for (ConfigValue v : l.items()) {
        if (!(v instanceof ConfigString s)) {
          problems.add(problem(v.location(), at + ".recipients holds a " + v.typeName(), "host names or keys"));
        } else if (hosts.containsKey(s.value())) {
          recipients.add(hosts.get(s.value()));
        } else if (validKey(s, at + ".recipients", problems)) {
          recipients.add(Recipient.parse(s.value()).encoded());
        }
      }
    } else {
      recipients.addAll(new LinkedHashMap<>(hosts).values());
    }
    if (recipients.isEmpty() && problems.size() == before) {
      problems.add(problem(t.location(), at + " has no recipients", "set " + scope.prefix() + ".recipients.<host> = \"age1…\" for "
          + "each host, or " + at + ".recipients = [\"<host>\", \"age1…\"]"));
    }
    if (problems.size() != before) {
      return Optional.empty();
    }
    return Optional.of(new SecretDeclaration(name, repoFile.orElseThrow(), path,
        string(t, "owner", at, problems), string(t, "group", at, problems), mode,
        recipients.stream().distinct().toList(), t.location()));
  }

  private static boolean validKey(ConfigString s, String at, List<ConfigProblem> problems) {
    try {
      Recipient.parse(s.value());
      return true;
    } catch (IllegalArgumentException e) {
      problems.add(problem(s.location(), at + ": '" + s.value() + "' is neither a host of secrets.recipients nor a "
          + "key: " + e.getMessage(), "a host name, \"age1…\" (age-keygen -y) or \"ssh-ed25519 AAAA…\" (the host's "
          + "/etc/ssh/ssh_host_ed25519_key.pub)"));
      return false;
    }
  }

  private static Optional<String> string(ConfigTable t, String key, String at, List<ConfigProblem> problems) {
    Optional<ConfigValue> v = t.get(key);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    if (v.get() instanceof ConfigString s) {
      return Optional.of(s.value());
    }
    problems.add(problem(v.get().location(), at + "." + key + " must be a string, not a " + v.get().typeName(),
        key + " = \"…\""));
    return Optional.empty();
  }

  private static ConfigProblem problem(SourceLocation at, String message, String hint) {
    return new ConfigProblem(at, message, hint);
  }
}
