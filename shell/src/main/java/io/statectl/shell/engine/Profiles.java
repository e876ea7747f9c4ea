package io.statectl.shell.engine;

import io.statectl.kernel.generation.ProfilePartition;
import io.statectl.api.activation.UserProfile;

/** Profile names: {@code system}, and {@code home-<user>} for each user profile. */
public final class Profiles {
  public static final String SYSTEM = ProfilePartition.SYSTEM;

  private Profiles() {}

  /** Checks a profile name given on the command line. */
  public static String checked(String name) {
    String prefix = UserProfile.PROFILE_PREFIX;
    boolean home = name.startsWith(prefix) && UserProfile.isValidUsername(name.substring(prefix.length()));
    if (!name.equals(SYSTEM) && !home) {
      throw new UsageException("no profile '" + name + "': profiles are named system or home-<user>",
          "`statectl generations --profile home-alice` lists alice's home generations");
    }
    return name;
  }
}
