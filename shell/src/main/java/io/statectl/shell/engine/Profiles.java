package io.statectl.shell.engine;

import io.statectl.kernel.generation.ProfilePartition;
import java.util.regex.Pattern;

/** Profile names: {@code system}, and {@code home-<user>} for each user profile. */
public final class Profiles {
  public static final String SYSTEM = ProfilePartition.SYSTEM;
  private static final Pattern NAME = Pattern.compile("system|home-[a-z_][a-z0-9_.-]{0,31}");

  private Profiles() {}

  /** Checks a profile name given on the command line. */
  public static String checked(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new UsageException("no profile '" + name + "': profiles are named system or home-<user>",
          "`statectl generations --profile home-alice` lists alice's home generations");
    }
    return name;
  }
}
