package io.statectl.shell.engine.cache;

import io.statectl.kernel.cache.InvalidKeyException;
import io.statectl.kernel.cache.TrustedKey;
import io.statectl.kernel.modules.StoreModule;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The substitution flags of one {@code apply}, {@code build} or {@code install}, as typed:
 * {@code --substituters URL…}, {@code --extra-substituters URL…} and Nix's {@code --option NAME
 * VALUE} for {@code substituters}, {@code extra-substituters}, {@code trusted-public-keys},
 * {@code extra-trusted-public-keys}, {@code require-sigs}, {@code connect-timeout} and {@code
 * http-connections}. As in Nix, a value is a whitespace-separated list and the plain names replace
 * the configured {@code store.*} value while the {@code extra-} ones add to it.
 *
 * <p>Kept raw so that the engine, not the command line, validates them: a bad value is then a
 * coded error ({@link SubstituterFlagException}) that names the flag, the word and why.
 *
 * @param substituters each {@code --substituters} argument, in order
 * @param extraSubstituters each {@code --extra-substituters} argument, in order
 * @param options each {@code --option}, as {@code NAME=VALUE}, in order
 * @param quiet {@code --quiet}: no live byte progress even on a terminal
 * @param noSandbox {@code --no-sandbox} (or the deprecated {@code STATECTL_NO_SANDBOX=1}, which
 *     the client turns into it): build without bubblewrap for this one command. It travels in the
 *     request, not in the server's environment, so it never outlives the command that asked.
 *     (These are the build-time flags that {@code apply}, {@code build} and {@code install} share;
 *     the record is named for the first of them.)
 */
public record SubstituterFlags(List<String> substituters, List<String> extraSubstituters, List<String> options,
    boolean quiet, boolean noSandbox) {
  /** No flags: the configuration's {@code store.*} as it is. */
  public static final SubstituterFlags NONE = new SubstituterFlags(List.of(), List.of(), List.of(), false);

  public SubstituterFlags(List<String> substituters, List<String> extraSubstituters, List<String> options,
      boolean quiet) {
    this(substituters, extraSubstituters, options, quiet, false);
  }

  /** Downloads at once when substituting, when {@code http-connections} is not given (Nix's default is 25; we share 2 cores). */
  public static final int DEFAULT_CONNECTIONS = 4;

  /** The option names {@code --option} accepts, Nix's spelling. */
  static final List<String> OPTION_NAMES = List.of("substituters", "extra-substituters", "trusted-public-keys",
      "extra-trusted-public-keys", "require-sigs", "connect-timeout", "http-connections");

  public SubstituterFlags {
    substituters = List.copyOf(substituters);
    extraSubstituters = List.copyOf(extraSubstituters);
    options = List.copyOf(options);
  }

  /** What the flags make of the configured settings (null: nothing configured, all defaults). */
  public record Effective(StoreModule.Settings settings, int connections) {}

  /**
   * Validates every flag (even those a later one overrides: a typo is never silently dropped).
   *
   * @throws SubstituterFlagException naming the first bad flag and word
   */
  public void check() {
    over(null);
  }

  /**
   * Applies the flags to {@code configured} (null: the defaults of {@code store.*}).
   *
   * @throws SubstituterFlagException naming the first bad flag and word
   */
  public Effective over(StoreModule.Settings configured) {
    StoreModule.Settings base = configured != null ? configured
        : new StoreModule.Settings(List.of(), List.of(), true, Duration.ofSeconds(30));
    Optional<List<String>> replaced = Optional.empty();
    List<String> extra = new ArrayList<>();
    Optional<List<String>> keys = Optional.empty();
    List<String> extraKeys = new ArrayList<>();
    boolean requireSigs = base.requireSigs();
    Duration timeout = base.timeout();
    int connections = DEFAULT_CONNECTIONS;
    for (String arg : substituters) {
      replaced = Optional.of(concat(replaced, urls("--substituters", arg)));
    }
    for (String arg : extraSubstituters) {
      extra.addAll(urls("--extra-substituters", arg));
    }
    for (String option : options) {
      int eq = option.indexOf('=');
      String name = (eq < 0 ? option : option.substring(0, eq)).strip();
      String value = eq < 0 ? "" : option.substring(eq + 1).strip();
      String flag = "--option " + name;
      switch (name) {
        case "substituters" -> replaced = Optional.of(urls(flag, value));
        case "extra-substituters" -> extra.addAll(urls(flag, value));
        case "trusted-public-keys" -> keys = Optional.of(keys(flag, value));
        case "extra-trusted-public-keys" -> extraKeys.addAll(keys(flag, value));
        case "require-sigs" -> requireSigs = bool(flag, value);
        case "connect-timeout" -> timeout = Duration.ofSeconds(number(flag, value, 3600));
        case "http-connections" -> connections = (int) number(flag, value, 64);
        default -> throw new SubstituterFlagException("--option " + name + ": statectl knows no such option",
            io.statectl.api.module.Suggestions.closest(name, OPTION_NAMES).map(s -> "did you mean " + s + "? ")
                .orElse("") + "the options are " + String.join(", ", OPTION_NAMES));
      }
    }
    LinkedHashSet<String> subs = new LinkedHashSet<>(replaced.orElse(base.substituters()));
    subs.addAll(extra);
    LinkedHashSet<String> trusted = new LinkedHashSet<>(keys.orElse(base.trustedPublicKeys()));
    trusted.addAll(extraKeys);
    return new Effective(new StoreModule.Settings(List.copyOf(subs), List.copyOf(trusted), requireSigs, timeout),
        connections);
  }

  private static List<String> concat(Optional<List<String>> before, List<String> more) {
    List<String> all = new ArrayList<>(before.orElse(List.of()));
    all.addAll(more);
    return all;
  }

  private static List<String> words(String value) {
    String v = value.strip();
    return v.isEmpty() ? List.of() : List.of(v.split("\\s+"));
  }

  /** Each word must be a {@code file:///absolute} or {@code http(s)://host…} URL. */
  static List<String> urls(String flag, String value) {
    List<String> out = new ArrayList<>();
    List<String> w = words(value);
    for (int i = 0; i < w.size(); i++) {
      String url = w.get(i);
      String problem = urlProblem(url);
      if (problem != null) {
        throw new SubstituterFlagException(flag + ": word " + (i + 1) + " '" + url + "' is not a binary cache URL: "
            + problem, "use file:///dir, http://host:port or https://host, e.g. " + flag
            + (flag.startsWith("--option") ? "=" : " ") + "https://cache.example.org");
      }
      out.add(url);
    }
    return out;
  }

  private static String urlProblem(String url) {
    URI uri;
    try {
      uri = new URI(url.contains("?") ? url.substring(0, url.indexOf('?')) : url);
    } catch (URISyntaxException e) {
      return e.getReason() + " at index " + e.getIndex();
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    return switch (scheme) {
      case "file" -> uri.getPath() == null || !uri.getPath().startsWith("/") || uri.getAuthority() != null
          ? "a file URL is file:// followed by an absolute path (file:///srv/cache)" : null;
      case "http", "https" -> uri.getHost() == null || uri.getHost().isEmpty() ? "it names no host" : null;
      case "" -> "it has no scheme";
      default -> "statectl speaks file://, http:// and https://, not " + scheme + "://";
    };
  }

  static List<String> keys(String flag, String value) {
    List<String> out = new ArrayList<>();
    List<String> w = words(value);
    for (int i = 0; i < w.size(); i++) {
      String key = w.get(i);
      try {
        TrustedKey.parse(key, key);
      } catch (InvalidKeyException e) {
        String why = e.getMessage().replaceFirst("^cannot use the key [^:]*: ", "").replaceFirst("\\n.*", "");
        throw new SubstituterFlagException(flag + ": word " + (i + 1) + " '" + key + "' is not a public key in "
            + "NAME:base64 form: " + why, "copy the line of the public key file (`statectl cache keygen --public FILE`), "
            + "e.g. cache.example.org-1:AbC…=");
      }
      out.add(key);
    }
    return out;
  }

  private static boolean bool(String flag, String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new SubstituterFlagException(flag + ": '" + value + "' is not true or false",
          "e.g. " + flag + "=true");
    };
  }

  private static long number(String flag, String value, long max) {
    try {
      long n = Long.parseLong(value);
      if (n >= 1 && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw new SubstituterFlagException(flag + ": '" + value + "' is not a whole number from 1 to " + max,
        "e.g. " + flag + "=4");
  }
}
