package io.statectl.kernel.eval;

import io.statectl.api.Platform;
import java.util.List;
import java.util.Objects;

/**
 * What {@code [when.…]} sections are matched against: the platform and the host.
 * {@code [when.linux]}, {@code [when.darwin]}, {@code [when.platform.<id>]} and
 * {@code [when.host.<name>]} are the known conditions.
 */
public record Conditions(Platform platform, String host) {
  public static final List<String> NAMES = List.of("linux", "darwin", "platform", "host");

  public Conditions {
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(host, "host");
  }
}
