package io.statectl.kernel.generation;

import io.statectl.api.activation.ActivationEntry;
import io.statectl.api.activation.HomeDirectory;
import io.statectl.api.activation.HomeFile;
import io.statectl.api.activation.ManagedSetting;
import io.statectl.api.activation.RootFile;
import io.statectl.api.activation.UserProfile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which profile each activation entry belongs to (see {@link ActivationEntry}): with a user
 * profile, home-scoped entries go to {@code home-<user>} and the rest to {@code system};
 * without one, everything goes to {@code system}.
 */
public final class ProfilePartition {
  public static final String SYSTEM = "system";

  private ProfilePartition() {}

  /** Entries by profile, {@code system} first; a profile appears only when it has entries. */
  public static Map<String, List<ActivationEntry>> of(List<ActivationEntry> entries) {
    Optional<UserProfile> user = userProfile(entries);
    Map<String, List<ActivationEntry>> out = new LinkedHashMap<>();
    for (ActivationEntry e : entries) {
      String profile = user.isPresent() && homeScoped(e) ? user.get().profileName() : SYSTEM;
      out.computeIfAbsent(profile, p -> new ArrayList<>()).add(e);
    }
    if (out.containsKey(SYSTEM) && out.size() > 1) {
      Map<String, List<ActivationEntry>> ordered = new LinkedHashMap<>();
      ordered.put(SYSTEM, out.remove(SYSTEM));
      ordered.putAll(out);
      return ordered;
    }
    return out;
  }

  /** The entries of one profile; empty when it has none. */
  public static List<ActivationEntry> entriesOf(String profile, List<ActivationEntry> entries) {
    return of(entries).getOrDefault(profile, List.of());
  }

  /** The configuration's user profile, if a module contributed one. */
  public static Optional<UserProfile> userProfile(List<ActivationEntry> entries) {
    return entries.stream().filter(e -> e instanceof UserProfile).map(e -> (UserProfile) e).findFirst();
  }

  private static boolean homeScoped(ActivationEntry e) {
    if (e instanceof HomeFile || e instanceof HomeDirectory || e instanceof UserProfile) {
      return true;
    } else if (e instanceof ManagedSetting s) {
      return s.scope() == ManagedSetting.Scope.USER;
    } else if (e instanceof RootFile) {
      return false;
    }
    throw new IllegalStateException("unhandled activation entry " + e);
  }
}
