package io.statectl.plugins.darwin;

import io.statectl.api.SourceLocation;
import io.statectl.api.activation.ManagedSetting;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One launchd job as the configuration describes it: what {@link LaunchdPlist} writes and {@link
 * LaunchdEntries} activates. Only keys the user set are present (empty optionals are left out of
 * the plist).
 *
 * @param label reverse-DNS name, see {@link #isValidLabel}
 * @param environment sorted by name, so the plist is the same whatever the definition order
 * @param switchTriggers values outside the plist whose change reloads the job (a service's
 *     {@code restartTriggers}); part of the job's state, not of its file
 * @param notes what the declaration asked for and launchd cannot do, written into the plist as a
 *     comment (see {@link PortableServices})
 */
record LaunchdJob(Kind kind, String label, String program, List<String> arguments,
    SortedMap<String, String> environment, Optional<KeepAlive> keepAlive, Optional<Boolean> runAtLoad,
    OptionalLong startInterval, Optional<String> standardOutPath, Optional<String> standardErrorPath,
    Optional<String> workingDirectory, Optional<String> userName, Optional<String> groupName,
    List<String> switchTriggers, List<String> notes, SourceLocation definedAt) {

  /** launchd's {@code KeepAlive}: a boolean, or (on failure) the dictionary {@code {SuccessfulExit = false}}. */
  enum KeepAlive {
    NEVER,
    ALWAYS,
    /** Restart only after a non-zero exit: what systemd's {@code Restart=on-failure} means. */
    ON_FAILURE
  }

  /** Labels launchd accepts and that are safe inside a file name and a shell word. */
  private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]*");

  LaunchdJob {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(program, "program");
    Objects.requireNonNull(keepAlive, "keepAlive");
    Objects.requireNonNull(runAtLoad, "runAtLoad");
    Objects.requireNonNull(startInterval, "startInterval");
    Objects.requireNonNull(standardOutPath, "standardOutPath");
    Objects.requireNonNull(standardErrorPath, "standardErrorPath");
    Objects.requireNonNull(workingDirectory, "workingDirectory");
    Objects.requireNonNull(userName, "userName");
    Objects.requireNonNull(groupName, "groupName");
    Objects.requireNonNull(definedAt, "definedAt");
    if (!isValidLabel(label)) {
      throw new IllegalArgumentException("not a launchd label: " + label);
    }
    if (program.isEmpty()) {
      throw new IllegalArgumentException("a launchd job needs a program");
    }
    if (startInterval.isPresent() && startInterval.getAsLong() < 1) {
      throw new IllegalArgumentException("startInterval must be at least 1: " + startInterval.getAsLong());
    }
    arguments = List.copyOf(arguments);
    switchTriggers = List.copyOf(switchTriggers);
    notes = List.copyOf(notes);
    environment = Collections.unmodifiableSortedMap(new TreeMap<>(Map.copyOf(environment)));
  }

  /** A job as {@code darwin.launchd.*} declares it: no user or group, no triggers, nothing to note. */
  LaunchdJob(Kind kind, String label, String program, List<String> arguments, SortedMap<String, String> environment,
      Optional<Boolean> keepAlive, Optional<Boolean> runAtLoad, OptionalLong startInterval, Optional<String> standardOutPath,
      Optional<String> standardErrorPath, Optional<String> workingDirectory, SourceLocation definedAt) {
    this(kind, label, program, arguments, environment, keepAlive.map(k -> k ? KeepAlive.ALWAYS : KeepAlive.NEVER),
        runAtLoad, startInterval, standardOutPath, standardErrorPath, workingDirectory, Optional.empty(), Optional.empty(),
        List.of(), List.of(), definedAt);
  }

  static boolean isValidLabel(String label) {
    return label != null && LABEL.matcher(label).matches();
  }

  /** The program followed by its arguments: launchd's {@code ProgramArguments}. */
  List<String> programArguments() {
    return java.util.stream.Stream.concat(java.util.stream.Stream.of(program), arguments.stream()).toList();
  }

  /** Where the plist goes (relative to the home or the root) and in which launchd domain it runs. */
  enum Kind {
    /** A per-user job in {@code ~/Library/LaunchAgents}, run in the user's GUI session. */
    AGENT("agent", "Library/LaunchAgents", "gui/@uid@", "@home@", ManagedSetting.Scope.USER),
    /** A system job in {@code /Library/LaunchDaemons}, run as root. */
    DAEMON("daemon", "Library/LaunchDaemons", "system", "@root@", ManagedSetting.Scope.SYSTEM);

    private final String noun;
    private final String directory;
    private final String domainTarget;
    private final String base;
    private final ManagedSetting.Scope scope;

    Kind(String noun, String directory, String domainTarget, String base, ManagedSetting.Scope scope) {
      this.noun = noun;
      this.directory = directory;
      this.domainTarget = domainTarget;
      this.base = base;
      this.scope = scope;
    }

    /** {@code "agent"} or {@code "daemon"}, as in setting ids. */
    String noun() {
      return noun;
    }

    /** The plist's place relative to the home (agents) or the root (daemons). */
    String plistPath(String label) {
      return directory + "/" + label + ".plist";
    }

    /** The plist's place on the live machine, with the kernel's placeholder for home or root. */
    String livePlistPath(String label) {
      return base + "/" + plistPath(label);
    }

    /** launchctl's domain target: {@code gui/<uid>} or {@code system}. */
    String domainTarget() {
      return domainTarget;
    }

    /** launchctl's service target: {@code <domain>/<label>}. */
    String serviceTarget(String label) {
      return domainTarget + "/" + label;
    }

    ManagedSetting.Scope scope() {
      return scope;
    }
  }
}
