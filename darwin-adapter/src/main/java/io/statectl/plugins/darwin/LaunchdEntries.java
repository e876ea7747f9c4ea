package io.statectl.plugins.darwin;

import io.statectl.api.activation.ActivationEntry;
import io.statectl.api.activation.FileContent;
import io.statectl.api.activation.FileMode;
import io.statectl.api.activation.HomeFile;
import io.statectl.api.activation.ManagedSetting;
import io.statectl.api.activation.RootFile;
import java.util.List;

/**
 * What a launchd job adds to a generation: its plist (in the home for an agent, under the root for
 * a daemon) and a setting that (re)loads it with {@code launchctl bootstrap} whenever the plist
 * changes and unloads it with {@code launchctl bootout} when a later generation drops it.
 */
final class LaunchdEntries {
  private static final String LAUNCHCTL = "/bin/launchctl";

  private LaunchdEntries() {}

  static List<ActivationEntry> of(LaunchdJob job) {
    String plist = LaunchdPlist.render(job);
    LaunchdJob.Kind kind = job.kind();
    String label = job.label();
    FileContent content = new FileContent.Text(plist);
    ActivationEntry file = switch (kind) {
      case AGENT -> new HomeFile(kind.plistPath(label), content, FileMode.REGULAR, job.definedAt());
      case DAEMON -> new RootFile(kind.plistPath(label), content, FileMode.REGULAR, job.definedAt());
    };
    // bootstrap fails on a job that is already loaded, so a changed job is booted out first; the
    // label is restricted to [A-Za-z0-9.-] (LaunchdJob), which keeps it one plain shell word.
    List<List<String>> apply = List.of(
        List.of("/bin/sh", "-c", LAUNCHCTL + " bootout " + kind.serviceTarget(label) + " 2>/dev/null || true"),
        List.of(LAUNCHCTL, "bootstrap", kind.domainTarget(), kind.livePlistPath(label)));
    List<List<String>> revert = List.of(List.of(LAUNCHCTL, "bootout", kind.serviceTarget(label)));
    ManagedSetting setting = new ManagedSetting(settingId(kind, label), kind.scope(), DarwinModule.FAMILY, LaunchdPlist.state(job, plist),
        apply, revert, job.definedAt());
    return List.of(file, setting);
  }

  /** {@code launchd:agent:<label>} or {@code launchd:daemon:<label>}: stable whatever the job's content. */
  static String settingId(LaunchdJob.Kind kind, String label) {
    return "launchd:" + kind.noun() + ":" + label;
  }
}
