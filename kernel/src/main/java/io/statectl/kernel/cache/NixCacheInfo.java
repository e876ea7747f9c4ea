package io.statectl.kernel.cache;

import java.util.Objects;

/**
 * A binary cache's {@code nix-cache-info}: which store directory its paths are for, whether
 * clients may ask about many paths at once, and its priority (lower is tried first; Nix's default
 * is 50).
 */
public record NixCacheInfo(String storeDir, boolean wantMassQuery, int priority) {
  /** The file name at the root of every binary cache. */
  public static final String FILE = "nix-cache-info";

  public NixCacheInfo {
    Objects.requireNonNull(storeDir, "storeDir");
  }

  /**
   * Parses the file's {@code Key: value} lines; unknown keys are ignored, as Nix does.
   *
   * @throws InvalidNarInfoException if {@code StoreDir} is missing or a number is not one
   */
  public static NixCacheInfo parse(String text, String source) {
    String storeDir = null;
    boolean mass = false;
    int priority = 50;
    int lineNo = 0;
    for (String line : text.split("\n", -1)) {
      lineNo++;
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String key = line.substring(0, colon);
      String value = line.substring(colon + 1).strip();
      switch (key) {
        case "StoreDir" -> storeDir = value;
        case "WantMassQuery" -> mass = value.equals("1");
        case "Priority" -> {
          try {
            priority = Integer.parseInt(value);
          } catch (NumberFormatException e) {
            throw new InvalidNarInfoException(source + ":" + lineNo, "Priority '" + value + "' is not a number");
          }
        }
        default -> { }
      }
    }
    if (storeDir == null) {
      throw new InvalidNarInfoException(source, "no StoreDir line");
    }
    return new NixCacheInfo(storeDir, mass, priority);
  }

  public String render() {
    return "StoreDir: " + storeDir + "\nWantMassQuery: " + (wantMassQuery ? 1 : 0) + "\nPriority: " + priority + "\n";
  }
}
