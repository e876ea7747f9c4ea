package io.statectl.projections.generations;

import java.time.Instant;
import java.util.Objects;

/**
 * Which generation of a profile is active, since when, into which home, and under which root
 * ({@code null} when it has no root files).
 */
public record ActiveGeneration(String profile, int number, Instant since, String home, String root) {
  public ActiveGeneration(String profile, int number, Instant since, String home) {
    this(profile, number, since, home, null);
  }

  public ActiveGeneration {
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(home, "home");
  }
}
