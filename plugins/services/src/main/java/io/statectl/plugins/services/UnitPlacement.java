package io.statectl.plugins.services;

import io.statectl.api.SourceLocation;
import io.statectl.api.activation.ActivationEntry;
import io.statectl.api.activation.FileContent;
import io.statectl.api.activation.FileMode;
import io.statectl.api.activation.HomeFile;
import io.statectl.api.activation.RootFile;
import io.statectl.api.config.ConfigTable;
import io.statectl.api.module.ConfigProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where rendered units go: system units under {@code etc/systemd/system} of the root, user units
 * under {@code .config/systemd/user} of the home, each {@code wantedBy} target as a
 * {@code <target>.wants/<unit>} link beside them (what {@code systemctl enable} would make). The
 * kernel recognises units by these places and switches them by comparing parsed units.
 */
final class UnitPlacement {
  static final String SYSTEM_DIR = "etc/systemd/system";
  static final String USER_DIR = ".config/systemd/user";
  /** systemd's unit-name alphabet (systemd.unit(5)); no '/', so no name can leave the unit directory. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9:_.\\\\@-]+");

  /** Whether units go to the machine or to a user's systemd. */
  enum Scope {
    SYSTEM,
    USER
  }

  private UnitPlacement() {}

  /** Checks a user-chosen unit name (without its type suffix); adds a problem when it is not one. */
  static boolean validName(String option, String name, ConfigTable at, List<ConfigProblem> problems) {
    if (NAME.matcher(name).matches() && !name.startsWith(".") && !name.startsWith("-") && name.length() <= 200) {
      return true;
    }
    problems.add(new ConfigProblem(at.location(), option + ": \"" + name + "\" is not a systemd unit name",
        "use letters, digits and :_.@- only, not starting with '.' or '-', e.g. \"web\""));
    return false;
  }

  static List<ActivationEntry> entries(Scope scope, UnitFile unit, List<String> wantedBy, SourceLocation at) {
    List<ActivationEntry> out = new ArrayList<>();
    String dir = scope == Scope.SYSTEM ? SYSTEM_DIR : USER_DIR;
    out.add(file(scope, dir + "/" + unit.name(), new FileContent.Text(unit.render()), at));
    for (String target : wantedBy) {
      out.add(file(scope, dir + "/" + target + ".wants/" + unit.name(), new FileContent.SymbolicLink("../" + unit.name()), at));
    }
    return out;
  }

  private static ActivationEntry file(Scope scope, String target, FileContent content, SourceLocation at) {
    return scope == Scope.SYSTEM ? new RootFile(target, content, FileMode.REGULAR, at)
        : new HomeFile(target, content, FileMode.REGULAR, at);
  }

  /** Checks a {@code wantedBy} target name. */
  static boolean validTarget(String option, String target, ConfigTable at, List<ConfigProblem> problems) {
    if (NAME.matcher(target).matches() && target.contains(".") && !target.startsWith(".")) {
      return true;
    }
    problems.add(new ConfigProblem(Values.at(at, "wantedBy"), option + ".wantedBy: \"" + target
        + "\" is not a unit name", "name a target with its suffix, e.g. \"multi-user.target\""));
    return false;
  }
}
