package io.statectl.events;

import java.util.List;

/** Sample events for tests: one of each kind, with fixed values. */
public final class Events {

  private Events() {}

  public static ConfigurationSubmitted submitted(String profile) {
    return new ConfigurationSubmitted(profile, "laptop", "/statectl/store/aaaa-config", "/home/u/config");
  }

  public static ConfigurationEvaluated evaluated(String profile) {
    return new ConfigurationEvaluated(
        profile, "laptop", "/statectl/store/aaaa-config", "/statectl/store/bbbb-gen", 12,
        List.of("dotfiles@1.0.0", "services@1.0.0"));
  }

  public static GenerationCreated created(String profile, int number) {
    return new GenerationCreated(profile, number, "laptop", "/statectl/store/bbbb-gen", "/statectl/store/aaaa-config");
  }

  public static GenerationActivated activated(String profile, int number) {
    return new GenerationActivated(
        profile, number, number - 1, "/statectl/store/bbbb-gen", ActivationReason.APPLY, "/home/u");
  }

  public static FileBackedUp backedUp(String profile) {
    return new FileBackedUp(profile, "/home/u/.bashrc", "/statectl/store/cccc-bashrc", "rw-r--r--");
  }

  public static List<StatectlEvent> oneOfEach(String profile) {
    List<DriftItem> drift = List.of(new DriftItem(DriftKind.MISSING, "/home/u/.bashrc", "should be a link"));
    return List.of(submitted(profile), evaluated(profile), created(profile, 1), activated(profile, 1), backedUp(profile),
        new GenerationsDeleted(profile, List.of(1)), new GenerationRestored(profile, 1, "/statectl/store/bbbb-gen"),
        new StorePathsCollected(profile, List.of("/statectl/store/dddd-old"), 4096),
        new DriftDetected(profile, 1, "/home/u", drift), new DriftRepaired(profile, 1, "/home/u", drift),
        ActivationFailed.units(profile, 2, List.of("bad.service"), 1),
        new ActivationFailed(profile, 3, List.of(), 2, ActivationFailed.INTERRUPTED, ActivationFailed.ROLLED_BACK,
            "link    /home/u/.bashrc -> x", 4, "the process died"),
        new DeployStarted("deploy:web1", "web1", "web", "ops@web1.example:2222"),
        new DeployCompleted("deploy:web1", "web1", "ok", 3, 2, 12, 40960, 2100),
        new DeployFailed("deploy:web1", "web1", "copy", "STC-E180", "ssh: connect to host web1 port 22: Connection refused"),
        new ActivationReverted(profile, 3, 2, "no confirmation within 30s"),
        new BootEntriesWritten(profile, "/mnt", List.of(1, 2), 2), new BootDefaultChanged(profile, "/mnt", 1, BootChoice.ONCE),
        new Installed("install:/mnt", "/mnt", "box", 1, "/var/lib/statectl/store/0123456789abcdfghijklmnpqrsvwxyz-statectl-system-box", 42));
  }
}
