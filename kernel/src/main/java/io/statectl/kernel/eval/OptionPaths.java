package io.statectl.kernel.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Option paths as users write them: {@code files.".gitconfig".source}. */
public final class OptionPaths {
  private OptionPaths() {}

  public static String child(String parent, String key) {
    String k = key.matches("[A-Za-z0-9_-]+") ? key : "\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    return parent.isEmpty() ? k : parent + "." + k;
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
