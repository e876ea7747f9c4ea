package io.statectl.api.activation;

import io.statectl.api.SourceLocation;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A user's profile: the packages' outputs merged into one store path as a farm of links
 * ({@code bin/}, {@code share/}, … of every package side by side), linked into the home at
 * {@code link}. Two packages providing one file is an error naming both, unless their priorities
 * differ: the lower number wins, as in Nix.
 *
 * <p>A contribution holding a user profile also moves the home-scoped entries into the profile
 * {@code home-<username>} (see {@link ActivationEntry}).
 *
 * @param username the user, which names the profile {@code home-<username>}
 * @param link where the profile appears, relative to the home, e.g. {@code ".statectl-profile"}
 * @param packages the packages, by name of {@code packages.<name>}, in declaration order
 * @since 0.1.1
 */
public record UserProfile(String username, String link, List<Package> packages, SourceLocation definedAt)
    implements ActivationEntry {
  /** A user profile's name is this prefix and the user name. */
  public static final String PROFILE_PREFIX = "home-";
  private static final Pattern USERNAME = Pattern.compile("[a-z_][a-z0-9_.-]{0,31}");

  public UserProfile {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(link, "link");
    Objects.requireNonNull(definedAt, "definedAt");
    packages = List.copyOf(packages);
    if (!isValidUsername(username)) {
      throw new IllegalArgumentException("not a user name: " + username);
    }
    if (!HomeFile.isSafeRelative(link)) {
      throw new IllegalArgumentException("profile link must be a relative path inside the home: " + link);
    }
  }

  /** POSIX-portable user names (what {@code useradd} accepts by default). */
  public static boolean isValidUsername(String username) {
    return USERNAME.matcher(username).matches();
  }

  /** The profile's name in the state directory. */
  public String profileName() {
    return PROFILE_PREFIX + username;
  }

  /**
   * One package of the profile.
   *
   * @param priority settles a file two packages provide: the lower number wins (Nix's default is 5)
   * @param definedAt where the configuration lists it, for collision messages
   */
  public record Package(String name, int priority, SourceLocation definedAt) {
    public static final int DEFAULT_PRIORITY = 5;

    public Package {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(definedAt, "definedAt");
    }
  }
}
