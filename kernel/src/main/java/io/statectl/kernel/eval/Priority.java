package io.statectl.kernel.eval;

/**
 * How strongly a definition holds. Of all definitions of a scalar or list option, only those of
 * the strongest priority present count; the rest are overridden on purpose.
 *
 * <p>In TOML a definition is plain, or sits under a {@code [defaults.…]} or {@code [force.…]}
 * section. A module's declared default is weaker than all of them.
 */
public enum Priority {
  FORCE(50, "force"),
  NORMAL(100, "normal"),
  DEFAULT(1000, "default"),
  OPTION_DEFAULT(1500, "option default");

  private final int rank;
  private final String label;

  Priority(int rank, String label) {
    this.rank = rank;
    this.label = label;
  }

  /** Lower ranks win, as in Nix's {@code mkOverride}. */
  public int rank() {
    return rank;
  }

  public String label() {
    return label;
  }

  public boolean strongerThan(Priority other) {
    return rank < other.rank;
  }
}
