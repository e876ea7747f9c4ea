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
        new ActivationFailed(profile, 2, List.of("bad.service"), 1),
        new BootEntriesWritten(profile, "/mnt", List.of(1, 2), 2), new BootDefaultChanged(profile, "/mnt", 1, BootChoice.ONCE));
  }
}
