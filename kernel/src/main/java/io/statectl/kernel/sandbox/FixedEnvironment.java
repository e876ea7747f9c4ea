package io.statectl.kernel.sandbox;

import java.util.Map;
import java.util.TreeMap;

/** The variables every build gets regardless of its derivation, so builds do not vary by host. */
final class FixedEnvironment {
  private FixedEnvironment() {}

  static Map<String, String> of(SandboxJob job, String buildDir) {
    TreeMap<String, String> env = new TreeMap<>();
    env.put("PATH", "/path-not-set");
    env.putAll(job.env());
    env.put("HOME", "/homeless-shelter");
    env.put("SOURCE_DATE_EPOCH", "1");
    env.put("TZ", "UTC");
    env.put("LANG", "C.UTF-8");
    env.put("TMPDIR", buildDir);
    env.put("TEMPDIR", buildDir);
    env.put("TMP", buildDir);
    env.put("TEMP", buildDir);
    env.put("STATECTL_BUILD_TOP", buildDir);
    env.put("NIX_BUILD_TOP", buildDir);
    env.put("PWD", buildDir);
    return env;
  }
}
