package io.statectl.plugins.home;

import io.statectl.api.config.ConfigBool;
import io.statectl.api.config.ConfigString;
import io.statectl.api.config.ConfigValue;
import io.statectl.api.option.OptionDecl;
import io.statectl.api.option.OptionType;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One {@code Host} block of ssh_config: its typed options, their checks, and its text. Typed
 * values are written as one argument, double-quoted (with {@code \} and {@code "} escaped) when
 * they hold a space, quote, backslash or {@code #}; {@code extraOptions} values are written as
 * given, so that keywords taking several arguments work.
 */
final class SshHostBlock {
  static final String HOSTNAME = "hostname";
  static final String USER = "user";
  static final String PORT = "port";
  static final String IDENTITY_FILE = "identityFile";
  static final String IDENTITIES_ONLY = "identitiesOnly";
  static final String FORWARD_AGENT = "forwardAgent";
  static final String CONTROL_MASTER = "controlMaster";
  static final String CONTROL_PATH = "controlPath";
  static final String CONTROL_PERSIST = "controlPersist";
  static final String EXTRA_OPTIONS = "extraOptions";
  private static final Pattern KEYWORD = Pattern.compile("[A-Za-z][A-Za-z0-9]*");
  private static final Pattern PATTERN = Pattern.compile("[^\\s#\"']+( [^\\s#\"']+)*");
  /** Typed option → ssh keyword, in the order they are written. */
  private static final Map<String, String> KEYWORDS = new LinkedHashMap<>();

  static {
    KEYWORDS.put(HOSTNAME, "HostName");
    KEYWORDS.put(USER, "User");
    KEYWORDS.put(PORT, "Port");
    KEYWORDS.put(IDENTITY_FILE, "IdentityFile");
    KEYWORDS.put(IDENTITIES_ONLY, "IdentitiesOnly");
    KEYWORDS.put(FORWARD_AGENT, "ForwardAgent");
    KEYWORDS.put(CONTROL_MASTER, "ControlMaster");
    KEYWORDS.put(CONTROL_PATH, "ControlPath");
    KEYWORDS.put(CONTROL_PERSIST, "ControlPersist");
  }

  private SshHostBlock() {}

  static Map<String, OptionDecl> options() {
    Map<String, OptionDecl> o = new LinkedHashMap<>();
    o.put(HOSTNAME, OptionDecl.of(OptionType.string(), "HostName: the real host to connect to.")
        .withExample("hostname = \"192.0.2.10\""));
    o.put(USER, OptionDecl.of(OptionType.string(), "User: the login name.").withExample("user = \"git\""));
    o.put(PORT, OptionDecl.of(OptionType.intBetween(1, 65535), "Port: the port to connect to.").withExample("port = 2222"));
    o.put(IDENTITY_FILE, OptionDecl.of(OptionType.string(), "IdentityFile: the private key; ~ is the home.")
        .withExample("identityFile = \"~/.ssh/id_ed25519\""));
    o.put(IDENTITIES_ONLY, OptionDecl.of(OptionType.bool(), "IdentitiesOnly: offer only the identityFile's key."));
    o.put(FORWARD_AGENT, OptionDecl.of(OptionType.bool(), "ForwardAgent: forward the authentication agent."));
    o.put(CONTROL_MASTER, OptionDecl.of(OptionType.oneOf("no", "yes", "ask", "auto", "autoask"),
        "ControlMaster: share one connection among sessions.").withExample("controlMaster = \"auto\""));
    o.put(CONTROL_PATH, OptionDecl.of(OptionType.string(), "ControlPath: the shared connection's socket.")
        .withExample("controlPath = \"~/.ssh/cm-%r@%h:%p\""));
    o.put(CONTROL_PERSIST, OptionDecl.of(OptionType.string(), "ControlPersist: how long a shared connection stays open.")
        .withExample("controlPersist = \"10m\""));
    o.put(EXTRA_OPTIONS, OptionDecl.of(OptionType.attrsOf(OptionType.string()),
        "Any other ssh_config keyword and its arguments, written as given.")
        .withExample("extraOptions = { ServerAliveInterval = \"60\" }"));
    return o;
  }

  /** The block's text, or empty after reporting its problems. */
  static Optional<String> render(String option, String pattern, OptionValues host, ContributionBuilder out) {
    int before = out.problems().size();
    if (!PATTERN.matcher(pattern).matches()) {
      out.problem(host.table().location(), option + ": \"" + pattern + "\" is not a list of Host patterns",
          "write patterns separated by single spaces, without quotes or '#', e.g. \"*.example.org\"");
    }
    StringBuilder b = new StringBuilder("Host ").append(pattern).append('\n');
    Map<String, String> written = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (Map.Entry<String, String> k : KEYWORDS.entrySet()) {
      Optional<ConfigValue> v = host.value(k.getKey());
      if (v.isEmpty()) {
        continue;
      }
      Optional<String> text = Session.scalarText(v.get());
      if (k.getKey().equals(PORT) && host.integer(PORT).filter(p -> p < 1 || p > 65535).isPresent()) {
        out.problem(v.get().location(), option + ".port: " + text.orElse("") + " is not a TCP port",
            "choose a port between 1 and 65535 (ssh's default is 22)");
        continue;
      }
      String arg = v.get() instanceof ConfigBool bool ? (bool.value() ? "yes" : "no")
          : text.orElse("");
      if (!argument(option + "." + k.getKey(), arg, v.get(), out)) {
        continue;
      }
      written.put(k.getValue(), k.getKey());
      b.append("  ").append(k.getValue()).append(' ').append(quote(arg)).append('\n');
    }
    for (Map.Entry<String, ConfigValue> e : new TreeMap<>(host.table(EXTRA_OPTIONS).entries()).entrySet()) {
      String where = option + "." + EXTRA_OPTIONS + "." + e.getKey();
      if (!KEYWORD.matcher(e.getKey()).matches()) {
        out.problem(e.getValue().location(), where + ": '" + e.getKey() + "' is not an ssh_config keyword",
            "keywords are letters and digits, e.g. ServerAliveInterval (see man ssh_config)");
      } else if (e.getKey().toLowerCase(Locale.ROOT).equals("host") || e.getKey().toLowerCase(Locale.ROOT).equals("match")) {
        out.problem(e.getValue().location(), where + ": " + e.getKey() + " would start another block",
            "add another entry to programs.ssh.hosts instead");
      } else if (written.containsKey(e.getKey())) {
        out.problem(e.getValue().location(), where + ": " + e.getKey() + " is already set by " + option + "."
            + written.get(e.getKey()), "keep one of them");
      } else if (e.getValue() instanceof ConfigString s && argument(where, s.value(), s, out)) {
        b.append("  ").append(e.getKey()).append(' ').append(s.value()).append('\n');
      }
    }
    return out.problems().size() > before ? Optional.empty() : Optional.of(b.toString());
  }

  private static boolean argument(String where, String arg, ConfigValue at, ContributionBuilder out) {
    if (arg.isBlank() || arg.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      out.problem(at.location(), where + ": \"" + arg + "\" is not a one-line, non-empty ssh_config value",
          "remove line breaks and control characters");
      return false;
    }
    return true;
  }

  /** One ssh_config argument, as OpenSSH's argv_split reads it back. */
  static String quote(String arg) {
    if (arg.chars().noneMatch(c -> Character.isWhitespace(c) || c == '"' || c == '\'' || c == '\\' || c == '#')) {
      return arg;
    }
    return "\"" + arg.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
