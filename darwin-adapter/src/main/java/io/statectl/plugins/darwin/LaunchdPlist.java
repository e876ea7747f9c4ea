package io.statectl.plugins.darwin;

import io.statectl.api.Sha256;
import com.dd.plist.NSArray;
import com.dd.plist.NSDictionary;
import com.dd.plist.NSNumber;
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
    job.keepAlive().ifPresent(v -> d.put("KeepAlive", new NSNumber(v)));
    job.runAtLoad().ifPresent(v -> d.put("RunAtLoad", new NSNumber(v)));
    job.startInterval().ifPresent(v -> d.put("StartInterval", new NSNumber(v)));
    job.standardOutPath().ifPresent(v -> d.put("StandardOutPath", new NSString(v)));
    job.standardErrorPath().ifPresent(v -> d.put("StandardErrorPath", new NSString(v)));
    job.workingDirectory().ifPresent(v -> d.put("WorkingDirectory", new NSString(v)));
    String xml = d.toXMLPropertyList();
    String newline = System.lineSeparator();
    return newline.equals("\n") ? xml : xml.replace(newline, "\n");
  }

  /** The SHA-256 of the rendered plist in lower-case hex: the job's state between generations. */
  static String sha256(String plist) {
    return Sha256.hex(plist);
  }
}
