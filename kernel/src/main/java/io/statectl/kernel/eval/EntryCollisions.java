package io.statectl.kernel.eval;

import io.statectl.api.activation.ActivationEntry;
import io.statectl.api.activation.HomeDirectory;
import io.statectl.api.activation.HomeFile;
import io.statectl.api.activation.ManagedSetting;
import io.statectl.api.activation.RootFile;
import io.statectl.api.activation.UserProfile;
import io.statectl.api.module.ConfigProblem;
import io.statectl.api.module.Suggestions;
import io.statectl.kernel.packages.PackageSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Two entries claiming one thing — a home file, a root file, a setting, the user profile — are an
 * evaluation error naming both modules and both locations; so is a profile package that no
 * {@code packages.<name>} declares.
 */
final class EntryCollisions {
  private EntryCollisions() {}

  static void check(List<ActivationEntry> entries, Map<ActivationEntry, String> contributedBy,
      List<ConfigProblem> problems) {
    Map<String, ActivationEntry> claimed = new HashMap<>();
    for (ActivationEntry e : entries) {
      for (String key : keys(e)) {
        ActivationEntry prior = claimed.putIfAbsent(key, e);
        if (prior == null) {
          continue;
        }
        problems.add(new ConfigProblem(e.definedAt(), describe(e) + " is defined twice: by module "
            + contributedBy.getOrDefault(e, "?") + " here, and by module " + contributedBy.getOrDefault(prior, "?")
            + " at " + prior.definedAt(), "remove one of them, or give one another path"));
      }
    }
  }

  /** Profile packages must name declared packages. */
  static void checkProfilePackages(List<ActivationEntry> entries, PackageSet packages, List<ConfigProblem> problems) {
    for (ActivationEntry e : entries) {
      if (!(e instanceof UserProfile u)) {
        continue;
      }
      for (UserProfile.Package p : u.packages()) {
        if (packages.get(p.name()).isEmpty()) {
          problems.add(new ConfigProblem(p.definedAt(), "the profile " + u.profileName() + " lists package '"
              + p.name() + "', but no packages." + p.name() + " is declared",
              Suggestions.closest(p.name(), packages.all().keySet()).map(s -> "did you mean '" + s + "'?")
                  .orElse("declare [packages." + p.name() + "] or remove it from the list")));
        }
      }
    }
  }

  private static List<String> keys(ActivationEntry e) {
    if (e instanceof HomeFile f) {
      return List.of("~/" + f.target());
    } else if (e instanceof HomeDirectory d) {
      return List.of("~/" + d.target());
    } else if (e instanceof UserProfile u) {
      // One user profile per configuration; its link is a home file like any other.
      return List.of("user-profile", "~/" + u.link());
    } else if (e instanceof RootFile f) {
      return List.of("/" + f.target());
    } else if (e instanceof ManagedSetting s) {
      return List.of("setting " + s.id());
    }
    throw new IllegalStateException("unhandled activation entry " + e);
  }

  private static String describe(ActivationEntry e) {
    if (e instanceof HomeFile f) {
      return "~/" + f.target();
    } else if (e instanceof HomeDirectory d) {
      return "the directory ~/" + d.target();
    } else if (e instanceof UserProfile u) {
      return "a user profile (" + u.profileName() + ")";
    } else if (e instanceof RootFile f) {
      return "<root>/" + f.target();
    } else if (e instanceof ManagedSetting s) {
      return "the setting " + s.id();
    }
    return e.toString();
  }
}
