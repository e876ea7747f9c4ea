package io.statectl.kernel.inputs;

import io.statectl.api.SourceLocation;
import java.util.Objects;
import java.util.regex.Pattern;

/** One {@code inputs.<name>} table of {@code statectl.toml}: the name its files are imported under, and its source. */
public record InputDeclaration(String name, InputSource source, SourceLocation at) {
  /** Names are what imports write first ({@code name/…}) and part of a store path name. */
  public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

  public InputDeclaration {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(at, "at");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not an input name: " + name);
    }
  }

  /** The name of the input's store path: {@code input-<name>}. */
  public String storeName() {
    return storeName(name);
  }

  public static String storeName(String name) {
    return "input-" + name;
  }
}
