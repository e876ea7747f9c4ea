package io.statectl.kernel.secrets;

import io.statectl.api.config.ConfigString;
import io.statectl.api.config.ConfigTable;
import io.statectl.api.config.ConfigValue;
import io.statectl.api.module.Suggestions;
import io.statectl.kernel.ErrorCode;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * References into the secrets namespaces ({@code ${secrets.db.path}}, {@code ${home.secrets.token.path}}):
 * a module may name where a secret's plaintext will be, never the plaintext, which exists only at
 * activation. A declared secret's path is its {@code path} or the default under the runtime
 * directory; a home's is relative to the user's runtime directory, which only activation knows,
 * so it is written in the form its consumer expands: {@code %t/…} (systemd's runtime-directory
 * specifier) in {@code systemd.user.*}, {@code $XDG_RUNTIME_DIR/…} elsewhere (shells, scripts,
 * programs that expand the environment) — as agenix's and sops-nix's home modules do.
 */
public final class SecretReferences {
  /** What a reference into the secrets namespaces resolves to. */
  public sealed interface Answer {
    /** Not about a secret's path (e.g. {@code ${secrets.db.mode}}): resolved as any other option. */
    record Ordinary() implements Answer {}

    /** Where the secret's plaintext will be. */
    record Path(String value) implements Answer {}

    /** A reference that cannot be allowed; {@code message} starts with its error code. */
    record Refused(String message, String hint) implements Answer {}
  }

  /** The keys of a secret that are plain declared values another option may read as they are. */
  private static final Set<String> DECLARED = Set.of("file", "mode", "owner", "group", "allowOutsideRuntime");
  private static final Set<String> RESERVED = Set.of("recipients", "identity");
  /** Namespaces that describe the machine, not a home: a home secret's path means nothing there. */
  private static final List<String> SYSTEM_NAMESPACES =
      List.of("services.", "systemd.", "environment.", "users.", "boot.", "secrets.", "system.");

  private SecretReferences() {}

  /**
   * @param root the merged configuration
   * @param keys the reference's keys, e.g. {@code [secrets, db, path]}
   * @param from the option holding the reference, e.g. {@code services.db.environmentFile}
   */
  public static Answer resolve(ConfigTable root, List<String> keys, String from) {
    boolean home = keys.size() >= 3 && keys.get(0).equals("home") && keys.get(1).equals(SecretsConfig.NAMESPACE);
    boolean system = !home && keys.size() >= 2 && keys.get(0).equals(SecretsConfig.NAMESPACE);
    if (!home && !system || RESERVED.contains(keys.get(home ? 2 : 1))) {
      return new Answer.Ordinary();
    }
    List<String> rest = keys.subList(home ? 2 : 1, keys.size());
    String name = rest.get(0);
    String prefix = home ? "home.secrets" : "secrets";
    String written = "${" + io.statectl.kernel.eval.OptionPaths.join(keys) + "}";
    Optional<ConfigTable> table = table(root, home ? List.of("home", "secrets") : List.of("secrets"));
    Optional<ConfigTable> secret = table.flatMap(t -> t.get(name)).filter(ConfigTable.class::isInstance)
        .map(ConfigTable.class::cast);
    if (secret.isEmpty()) {
      TreeSet<String> declared = new TreeSet<>();
      table.ifPresent(t -> t.entries().forEach((k, v) -> {
        if (!RESERVED.contains(k) && v instanceof ConfigTable) {
          declared.add(k);
        }
      }));
      return refused(from + ": " + written + " refers to secret " + name + ", but no " + prefix + "." + name
          + " is declared", Suggestions.closest(name, declared).map(x -> "did you mean ${" + prefix + "." + x
              + ".path}?").orElse(declared.isEmpty() ? "declare it first: [" + prefix + "." + name + "] file = "
                  + "\"secrets/" + name + ".age\"" : "declared " + prefix + ": " + String.join(", ", declared)));
    }
    if (rest.size() == 2 && DECLARED.contains(rest.get(1))) {
      return new Answer.Ordinary();
    }
    if (rest.size() != 2 || !rest.get(1).equals("path")) {
      return refused(from + ": " + written + ": only a secret's path can be referred to, never its content "
          + "(it exists only at activation, in that file)", "refer to ${" + prefix + "." + name + ".path} and let "
          + "the program read the file");
    }
    if (!home) {
      Optional<ConfigValue> path = secret.get().get("path");
      if (path.orElse(null) instanceof ConfigString s && s.value().contains("${")) {
        return new Answer.Ordinary(); // a path made of references: resolved as any string
      }
      return new Answer.Path(path.filter(ConfigString.class::isInstance).map(v -> ((ConfigString) v).value())
          .orElse(SecretDeclaration.RUNTIME_DIR + "/" + name));
    }
    boolean userUnit = from.startsWith("systemd.user.");
    if (!userUnit && SYSTEM_NAMESPACES.stream().anyMatch(from::startsWith)) {
      return refused(from + ": " + written + " is a home's secret, placed in the user's runtime directory at the "
          + "home's activation; a machine option cannot refer to it", "declare it as secrets." + name
          + " for the machine, or refer to it from a home option (home.*, systemd.user.*)");
    }
    return new Answer.Path((userUnit ? "%t" : "$XDG_RUNTIME_DIR") + SecretDeclaration.HOME_RUNTIME_DIR + "/" + name);
  }

  private static Answer refused(String message, String hint) {
    return new Answer.Refused(ErrorCode.SECRET_REFERENCE_INVALID.tag() + message, hint);
  }

  private static Optional<ConfigTable> table(ConfigTable root, List<String> keys) {
    ConfigValue v = root;
    for (String k : keys) {
      if (!(v instanceof ConfigTable t) || t.get(k).isEmpty()) {
        return Optional.empty();
      }
      v = t.get(k).get();
    }
    return v instanceof ConfigTable t ? Optional.of(t) : Optional.empty();
  }
}
