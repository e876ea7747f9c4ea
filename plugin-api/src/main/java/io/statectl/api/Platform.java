package io.statectl.api;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The platforms statectl configures. A configuration may differ per platform through
 * {@code [when.linux]} and {@code [when.darwin]} sections.
 *
 * @since 0.1
 */
public enum Platform {
  X86_64_LINUX("x86_64-linux"),
  AARCH64_LINUX("aarch64-linux"),
  X86_64_DARWIN("x86_64-darwin"),
  AARCH64_DARWIN("aarch64-darwin");

  private final String id;

  Platform(String id) {
    this.id = id;
  }

  /** The name used in configurations, e.g. {@code "aarch64-darwin"}. */
  public String id() {
    return id;
  }

  public boolean isLinux() {
    return id.endsWith("-linux");
  }

  public boolean isDarwin() {
    return id.endsWith("-darwin");
  }

  public static Optional<Platform> parse(String id) {
    return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst();
  }

  public static List<String> ids() {
    return Arrays.stream(values()).map(Platform::id).toList();
  }

  /** The platform of the running machine, as far as the JVM tells. */
  public static Platform current() {
    String arch = System.getProperty("os.arch", "");
    boolean arm = arch.equals("aarch64") || arch.equals("arm64");
    boolean mac = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("mac");
    if (mac) {
      return arm ? AARCH64_DARWIN : X86_64_DARWIN;
    }
    return arm ? AARCH64_LINUX : X86_64_LINUX;
  }

  @Override
  public String toString() {
    return id;
  }
}
