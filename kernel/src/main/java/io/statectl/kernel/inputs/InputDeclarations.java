package io.statectl.kernel.inputs;

import io.statectl.api.SourceLocation;
import io.statectl.api.config.ConfigString;
import io.statectl.api.config.ConfigTable;
import io.statectl.api.config.ConfigValue;
import io.statectl.kernel.config.ConfigReader;
import io.statectl.kernel.config.TomlReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads the {@code inputs.<name>} tables of {@code statectl.toml} at the root of the configuration
 * repository: one file for the whole repository (as the lock beside it is), because inputs are
 * needed before any host file can be loaded (hosts import from them). Other top-level keys of the
 * file are left to their owners.
 */
public final class InputDeclarations {
  public static final String FILE = "statectl.toml";
  public static final String INPUTS = "inputs";
  private static final Set<String> GIT_KEYS = Set.of("git", "ref");
  private static final String DEFAULT_REF = "HEAD";

  private InputDeclarations() {}

  /**
   * The declared inputs by name (sorted); empty when there is no {@code statectl.toml} or it declares none.
   *
   * @throws InputException ({@link InputException.Reason#DECLARATION_INVALID}) at the first bad table, located
   */
  public static Map<String, InputDeclaration> read(Path configDir) {
    Optional<ConfigReader.Result> read = TomlReader.readIfPresent(configDir, FILE);
    if (read.isEmpty()) {
      return Map.of();
    }
    ConfigReader.Result r = read.get();
    if (r instanceof ConfigReader.Result.Malformed m) {
      var p = m.problems().get(0);
      throw invalid("", configDir, p.location(), p.message(), p.hint());
    }
    ConfigTable root = ((ConfigReader.Result.Parsed) r).document().root();
    Optional<ConfigValue> inputs = root.get(INPUTS);
    if (inputs.isEmpty()) {
      return Map.of();
    }
    if (!(inputs.get() instanceof ConfigTable table)) {
      throw invalid("", configDir, inputs.get().location(), "inputs must be a table, got " + inputs.get().typeName(),
          "write inputs.<name> = { git = \"URL\", ref = \"main\" }");
    }
    Map<String, InputDeclaration> out = new TreeMap<>();
    for (Map.Entry<String, ConfigValue> e : table.entries().entrySet()) {
      out.put(e.getKey(), declaration(configDir, e.getKey(), e.getValue()));
    }
    return out;
  }

  private static InputDeclaration declaration(Path configDir, String name, ConfigValue value) {
    SourceLocation at = value.location();
    if (!InputDeclaration.NAME.matcher(name).matches()) {
      throw invalid(name, configDir, at, "'" + name + "' is not a valid input name",
          "an input name is letters, digits, '-' and '_' (it is what imports write first: " + "name/file.toml)");
    }
    if (!(value instanceof ConfigTable t)) {
      throw invalid(name, configDir, at, "inputs." + name + " must be a table, got " + value.typeName(),
          "write inputs." + name + " = { git = \"URL\", ref = \"main\" } or { path = \"../dir\" }");
    }
    for (Map.Entry<String, ConfigValue> k : t.entries().entrySet()) {
      if (!GIT_KEYS.contains(k.getKey()) && !k.getKey().equals("path")) {
        throw invalid(name, configDir, k.getValue().location(), "unknown key '" + k.getKey() + "' in inputs." + name
            + suggestion(k.getKey()), "an input table has git and ref (a git repository) or path (a directory)");
      }
      if (!(k.getValue() instanceof ConfigString)) {
        throw invalid(name, configDir, k.getValue().location(), "inputs." + name + "." + k.getKey()
            + " must be a string, got " + k.getValue().typeName(), "quote the value");
      }
    }
    Optional<String> git = string(t, "git");
    Optional<String> ref = string(t, "ref");
    Optional<String> path = string(t, "path");
    if (git.isPresent() == path.isPresent()) {
      throw invalid(name, configDir, at, "inputs." + name + (git.isPresent() ? " has both git and path"
          : " has neither git nor path"), "give exactly one: git = \"URL\" (with ref) or path = \"../dir\"");
    }
    if (path.isPresent() && ref.isPresent()) {
      throw invalid(name, configDir, t.get("ref").get().location(), "inputs." + name + ".ref is given for a path input",
          "a path input is the directory as it is; drop ref, or use git = \"file://…\" to pin a commit");
    }
    if (git.map(String::isBlank).orElse(false) || path.map(String::isBlank).orElse(false)
        || ref.map(String::isBlank).orElse(false)) {
      throw invalid(name, configDir, at, "inputs." + name + " has an empty value", "give the URL, ref or path");
    }
    InputSource source = git.isPresent() ? new InputSource.Git(git.get(), ref.orElse(DEFAULT_REF))
        : new InputSource.Local(path.get());
    return new InputDeclaration(name, source, at);
  }

  /** The key a user probably meant: common other spellings, else one of the keys a letter or two away. */
  private static String suggestion(String key) {
    String k = key.toLowerCase(java.util.Locale.ROOT);
    Map<String, String> aliases = Map.of("url", "git", "repo", "git", "repository", "git", "branch", "ref",
        "tag", "ref", "rev", "ref", "commit", "ref", "dir", "path", "directory", "path");
    String meant = aliases.get(k);
    for (String candidate : List.of("git", "ref", "path")) {
      if (meant == null && distance(k, candidate) <= 1) {
        meant = candidate;
      }
    }
    for (Map.Entry<String, String> a : new java.util.TreeMap<>(aliases).entrySet()) {
      if (meant == null && a.getKey().length() > 3 && distance(k, a.getKey()) <= 2) {
        meant = a.getValue();
      }
    }
    return meant == null ? "" : " (did you mean '" + meant + "'?)";
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      int[] cur = new int[b.length() + 1];
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        cur[j] = Math.min(Math.min(cur[j - 1], prev[j]) + 1, prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
      }
      prev = cur;
    }
    return prev[b.length()];
  }

  private static Optional<String> string(ConfigTable t, String key) {
    return t.get(key).map(v -> ((ConfigString) v).value());
  }

  private static InputException invalid(String name, Path configDir, SourceLocation at, String what, String hint) {
    return new InputException(InputException.Reason.DECLARATION_INVALID, name,
        configDir.resolve(at.file()) + (at.line() > 0 ? ":" + at.line() + ":" + at.column() : "") + ": " + what, hint);
  }
}
