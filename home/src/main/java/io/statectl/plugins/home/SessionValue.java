package io.statectl.plugins.home;

import java.util.Objects;

/**
 * A session variable's value or a PATH entry as the shells must produce it. The one expansion
 * allowed: a value that is exactly {@code $HOME} or {@code ${HOME}}, or starts with {@code $HOME/}
 * or {@code ${HOME}/}, is {@link UnderHome} and gets the login's home prepended when the shell
 * starts. Everything else is {@link Literal}: no other {@code $}, {@code ~}, backquote or glob is
 * expanded, whatever the shell.
 */
sealed interface SessionValue {

  /** Taken verbatim. */
  record Literal(String text) implements SessionValue {
    public Literal {
      Objects.requireNonNull(text, "text");
    }
  }

  /** The home directory followed by {@code rest}, which is empty or starts with {@code /}. */
  record UnderHome(String rest) implements SessionValue {
    public UnderHome {
      Objects.requireNonNull(rest, "rest");
      if (!rest.isEmpty() && !rest.startsWith("/")) {
        throw new IllegalArgumentException("rest must start with /: " + rest);
      }
    }
  }

  static SessionValue parse(String value) {
    for (String home : new String[] {"$HOME", "${HOME}"}) {
      if (value.equals(home) || value.startsWith(home + "/")) {
        return new UnderHome(value.substring(home.length()));
      }
    }
    return new Literal(value);
  }
}
