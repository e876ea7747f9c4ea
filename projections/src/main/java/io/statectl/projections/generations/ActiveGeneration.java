package io.statectl.projections.generations;

import java.time.Instant;
import java.util.Objects;

/** Which generation of a profile is active, since when, and into which home. */
public record ActiveGeneration(String profile, int number, Instant since, String home) {
  public ActiveGeneration {
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(home, "home");
  }
}
