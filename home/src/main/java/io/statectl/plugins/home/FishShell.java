package io.statectl.plugins.home;

import java.util.Map;

/**
 * fish syntax: quoting and the session block of {@code config.fish}.
 *
 * <p>Quoting rule: literal text is single-quoted, with {@code \} and {@code '} backslash-escaped
 * (fish's only escapes inside single quotes). A {@link SessionValue.UnderHome} value is written
 * {@code "$HOME"} followed by its quoted rest; fish joins adjacent quoted parts into one word.
 */
final class FishShell {
  private FishShell() {}

  static String quote(String text) {
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  static String word(SessionValue value) {
    if (value instanceof SessionValue.UnderHome h) {
      return "\"$HOME\"" + (h.rest().isEmpty() ? "" : quote(h.rest()));
    }
    return quote(((SessionValue.Literal) value).text());
  }

  /**
   * The fish counterpart of the POSIX session file: the profile's bin and home.sessionPath in
   * front of PATH when the profile is missing from it, the variables once per process tree (the
   * guard variable is shared with the POSIX file, so a fish started from a bash login does not
   * export them again).
   */
  static String session(Session session) {
    String profileBin = "\"$HOME/" + HomeLayout.PROFILE_LINK + "/bin\"";
    StringBuilder b = new StringBuilder();
    b.append("if not contains -- ").append(profileBin).append(" $PATH\n");
    b.append("    set -gx PATH ").append(profileBin);
    session.path().forEach(p -> b.append(' ').append(word(p)));
    b.append(" $PATH\n");
    b.append("end\n");
    b.append("if not set -q ").append(HomeLayout.GUARD).append('\n');
    b.append("    set -gx ").append(HomeLayout.GUARD).append(" 1\n");
    for (Map.Entry<String, SessionValue> e : session.variables().entrySet()) {
      b.append("    set -gx ").append(e.getKey()).append(' ').append(word(e.getValue())).append('\n');
    }
    b.append("end\n");
    return b.toString();
  }
}
