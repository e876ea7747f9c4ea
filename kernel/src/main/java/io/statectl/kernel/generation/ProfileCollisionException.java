package io.statectl.kernel.generation;

import io.statectl.api.activation.UserProfile;
import io.statectl.kernel.ErrorCode;
import io.statectl.kernel.KernelException;
import java.util.List;
import java.util.stream.Collectors;

/** Two packages of a user profile provide one file at the same priority. */
public final class ProfileCollisionException extends KernelException {
  private static final long serialVersionUID = 1L;
  private final transient List<Collision> collisions;

  /** One file and the two packages (with where the configuration lists them) that both provide it. */
  public record Collision(String file, UserProfile.Package first, UserProfile.Package second) {}

  public ProfileCollisionException(String profile, List<Collision> collisions) {
    super(message(profile, collisions));
    this.collisions = List.copyOf(collisions);
  }

  public List<Collision> collisions() {
    return collisions;
  }

  private static String message(String profile, List<Collision> collisions) {
    Collision c = collisions.get(0);
    String all = collisions.stream().map(x -> "  " + x.file() + ": packages." + x.first().name() + " (listed at "
        + x.first().definedAt() + ") and packages." + x.second().name() + " (listed at " + x.second().definedAt() + ")")
        .collect(Collectors.joining("\n"));
    return "the user profile " + profile + " has " + collisions.size() + " file(s) that two packages provide:\n" + all
        + "\nhint: settle it with a priority, e.g. home.packagePriorities." + c.second().name()
        + " = 10 (the lower number wins; the default is " + UserProfile.Package.DEFAULT_PRIORITY
        + "), or remove one of the packages";
  }

  @Override
  public ErrorCode code() {
    return ErrorCode.PROFILE_COLLISION;
  }
}
