package io.statectl.kernel.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Option paths as users write them: {@code files.".gitconfig".source}. */
public final class OptionPaths {
  private OptionPaths() {}

  public static String child(String parent, String key) {
    String k = isBare(key) ? key : "\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    return parent.isEmpty() ? k : parent + "." + k;
  }

  /** Whether a key can be written without quotes ({@code [A-Za-z0-9_-]+}); hot: no regex. */
  static boolean isBare(String key) {
    if (key.isEmpty()) {
      return false;
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) {
        return false;
      }
    }
    return true;
  }

  /** Splits a written path into its keys; empty when it is malformed. */
  public static Optional<List<String>> parse(String path) {
    List<String> keys = new ArrayList<>();
    int i = 0;
    while (i < path.length()) {
      StringBuilder key = new StringBuilder();
      if (path.charAt(i) == '"') {
        i++;
        while (i < path.length() && path.charAt(i) != '"') {
          char c = path.charAt(i++);
          if (c == '\\' && i < path.length()) {
            c = path.charAt(i++);
          }
          key.append(c);
        }
        if (i >= path.length()) {
          return Optional.empty();
        }
        i++;
      } else {
        while (i < path.length() && path.charAt(i) != '.') {
          char c = path.charAt(i++);
          if (!(Character.isLetterOrDigit(c) || c == '_' || c == '-')) {
            return Optional.empty();
          }
          key.append(c);
        }
        if (key.length() == 0) {
          return Optional.empty();
        }
      }
      keys.add(key.toString());
      if (i < path.length()) {
        if (path.charAt(i) != '.' || i == path.length() - 1) {
          return Optional.empty();
        }
        i++;
      }
    }
    return keys.isEmpty() ? Optional.empty() : Optional.of(keys);
  }

  public static String join(List<String> keys) {
    String p = "";
    for (String k : keys) {
      p = child(p, k);
    }
    return p;
  }
}
