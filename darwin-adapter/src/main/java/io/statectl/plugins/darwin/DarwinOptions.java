package io.statectl.plugins.darwin;

import io.statectl.api.option.Defaults;
import io.statectl.api.option.OptionDecl;
import io.statectl.api.option.OptionType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/** The option declarations of the {@code darwin} namespace, and the names its readers look up. */
final class DarwinOptions {
  static final String LAUNCHD = "launchd";
  static final String AGENTS = "agents";
  static final String DAEMONS = "daemons";
  static final String DEFAULTS = "defaults";
  static final String LINK_APPLICATIONS = "linkApplications";

  static final String PROGRAM = "program";
  static final String ARGUMENTS = "arguments";
  static final String ENVIRONMENT = "environment";
  static final String KEEP_ALIVE = "keepAlive";
  static final String RUN_AT_LOAD = "runAtLoad";
  static final String START_INTERVAL = "startInterval";
  static final String STANDARD_OUT_PATH = "standardOutPath";
  static final String STANDARD_ERROR_PATH = "standardErrorPath";
  static final String WORKING_DIRECTORY = "workingDirectory";

  private DarwinOptions() {}

  static OptionDecl declaration(String description) {
    Map<String, OptionDecl> launchd = new LinkedHashMap<>();
    launchd.put(AGENTS, OptionDecl.of(OptionType.attrsOf(job()),
        "Per-user launchd agents by label: ~/Library/LaunchAgents/<label>.plist, loaded into the user's GUI session.")
        .withDefault(Defaults.emptyTable())
        .withExample("darwin.launchd.agents.\"org.example.sync\" = { program = \"/usr/local/bin/sync\", startInterval = 600 }"));
    launchd.put(DAEMONS, OptionDecl.of(OptionType.attrsOf(job()),
        "System launchd daemons by label: /Library/LaunchDaemons/<label>.plist, loaded into the system domain.")
        .withDefault(Defaults.emptyTable())
        .withExample("darwin.launchd.daemons.\"org.example.backup\" = { program = \"/usr/local/bin/backup\", runAtLoad = true }"));

    Map<String, OptionDecl> darwin = new LinkedHashMap<>();
    darwin.put(LAUNCHD, OptionDecl.of(OptionType.submodule(launchd), "launchd jobs written as property lists and loaded with launchctl."));
    darwin.put(DEFAULTS, OptionDecl.of(OptionType.attrsOf(OptionType.attrsOf(OptionType.anything())),
        "macOS defaults by domain and key, written with `defaults write`: bools, ints, floats, strings, lists of "
            + "strings and flat tables of strings. Domains under /Library/ are the machine's, others the user's.")
        .withDefault(Defaults.emptyTable())
        .withExample("darwin.defaults.\"com.apple.dock\".autohide = true"));
    darwin.put(LINK_APPLICATIONS, OptionDecl.of(OptionType.bool(),
        "Link ~/Applications/statectl to the home profile's Applications, so apps of home.packages appear in Launchpad and Spotlight.")
        .withDefault(Defaults.of(true)));
    return OptionDecl.of(OptionType.submodule(darwin), description);
  }

  private static OptionType job() {
    Map<String, OptionDecl> o = new LinkedHashMap<>();
    o.put(PROGRAM, OptionDecl.of(OptionType.string(), "The executable to run (the first of ProgramArguments); required.")
        .withExample("program = \"/usr/local/bin/sync\""));
    o.put(ARGUMENTS, OptionDecl.of(OptionType.listOf(OptionType.string()), "Arguments after the program.")
        .withDefault(Defaults.emptyList()));
    o.put(ENVIRONMENT, OptionDecl.of(OptionType.attrsOf(OptionType.string()), "Environment variables of the job.")
        .withDefault(Defaults.emptyTable()));
    o.put(KEEP_ALIVE, OptionDecl.of(OptionType.bool(), "Restart the job whenever it exits."));
    o.put(RUN_AT_LOAD, OptionDecl.of(OptionType.bool(), "Start the job as soon as it is loaded."));
    o.put(START_INTERVAL, OptionDecl.of(new OptionType.Int(OptionalLong.of(1), OptionalLong.empty()),
        "Start the job every this many seconds."));
    o.put(STANDARD_OUT_PATH, OptionDecl.of(OptionType.string(), "File the job's standard output is appended to."));
    o.put(STANDARD_ERROR_PATH, OptionDecl.of(OptionType.string(), "File the job's standard error is appended to."));
    o.put(WORKING_DIRECTORY, OptionDecl.of(OptionType.string(), "Directory the job starts in."));
    return OptionType.submodule(o);
  }
}
