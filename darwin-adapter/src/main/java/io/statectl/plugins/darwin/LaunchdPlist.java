package io.statectl.plugins.darwin;

import io.statectl.api.Sha256;
import com.dd.plist.NSArray;
import com.dd.plist.NSDictionary;
import com.dd.plist.NSNumber;
import com.dd.plist.NSObject;
import com.dd.plist.NSString;

/**
 * Renders a {@link LaunchdJob} as an XML property list (version 1.0, Apple's DOCTYPE), as {@code
 * launchd.plist(5)} reads it. The output is deterministic: keys in a fixed order, environment
 * sorted, {@code \n} line ends whatever the JVM's platform.
 */
final class LaunchdPlist {
  private LaunchdPlist() {}

  static String render(LaunchdJob job) {
    NSDictionary d = new NSDictionary();
    d.put("Label", new NSString(job.label()));
    d.put("ProgramArguments", new NSArray(job.programArguments().stream().map(NSString::new).toArray(NSString[]::new)));
    if (!job.environment().isEmpty()) {
      NSDictionary env = new NSDictionary();
      job.environment().forEach((k, v) -> env.put(k, new NSString(v)));
      d.put("EnvironmentVariables", env);
    }
    job.keepAlive().ifPresent(v -> d.put("KeepAlive", keepAlive(v)));
    job.runAtLoad().ifPresent(v -> d.put("RunAtLoad", new NSNumber(v)));
    job.startInterval().ifPresent(v -> d.put("StartInterval", new NSNumber(v)));
    job.standardOutPath().ifPresent(v -> d.put("StandardOutPath", new NSString(v)));
    job.standardErrorPath().ifPresent(v -> d.put("StandardErrorPath", new NSString(v)));
    job.workingDirectory().ifPresent(v -> d.put("WorkingDirectory", new NSString(v)));
    job.userName().ifPresent(v -> d.put("UserName", new NSString(v)));
    job.groupName().ifPresent(v -> d.put("GroupName", new NSString(v)));
    String xml = d.toXMLPropertyList();
    String newline = System.lineSeparator();
    xml = newline.equals("\n") ? xml : xml.replace(newline, "\n");
    return job.notes().isEmpty() ? xml : xml.replace("\n<plist ", "\n" + comment(job.notes()) + "<plist ");
  }

  private static NSObject keepAlive(LaunchdJob.KeepAlive k) {
    if (k == LaunchdJob.KeepAlive.ON_FAILURE) {
      NSDictionary onFailure = new NSDictionary();
      onFailure.put("SuccessfulExit", new NSNumber(false));
      return onFailure;
    }
    return new NSNumber(k == LaunchdJob.KeepAlive.ALWAYS);
  }

  /**
   * The notes as one XML comment before the root element, one {@code statectl: } line each, so
   * whoever reads the installed plist sees what launchd was not told. XML forbids {@code --} in a
   * comment, so dashes are spaced out; the comment changes nothing a plist parser returns.
   */
  static String comment(java.util.List<String> notes) {
    StringBuilder out = new StringBuilder("<!--\n");
    for (String n : notes) {
      String safe = n.replace("\r", " ").replace("\n", " ");
      while (safe.contains("--")) {
        safe = safe.replace("--", "- -");
      }
      out.append("  statectl: ").append(safe.endsWith("-") ? safe + " " : safe).append('\n');
    }
    return out.append("-->\n").toString();
  }

  /** The SHA-256 of the rendered plist in lower-case hex: the job's state between generations. */
  static String sha256(String plist) {
    return Sha256.hex(plist);
  }

  /**
   * The job's state between generations: the plist's hash, or, with switch triggers, the hash of
   * the plist and the triggers (a trigger's change reloads the job although its file is the same).
   */
  static String state(LaunchdJob job, String plist) {
    if (job.switchTriggers().isEmpty()) {
      return sha256(plist);
    }
    return sha256(plist + "\0" + String.join("\0", job.switchTriggers()));
  }
}
