package io.statectl.events;

/**
 * Every fact statectl records. One sealed hierarchy: readers switch over it exhaustively, and a
 * new kind of fact is a new record here plus its entry in {@link EventTypes}.
 *
 * <p>Events carry ids and values only; when they happened is the log record's timestamp.
 * Store paths are plain strings here because the event module sits below the store.
 */
public sealed interface StatectlEvent
    permits ConfigurationSubmitted,
        ConfigurationEvaluated,
        GenerationCreated,
        GenerationActivated,
        FileBackedUp,
        GenerationsDeleted,
        GenerationRestored,
        StorePathsCollected,
        DriftDetected,
        DriftRepaired,
        PluginInstalled,
        PluginRemoved,
        BuildStarted,
        BuildSucceeded,
        BuildFailed,
        ActivationFailed,
        PathSubstituted,
        DeployStarted,
        DeployCompleted,
        DeployFailed,
        ActivationReverted,
        BootEntriesWritten,
        BootDefaultChanged,
        Installed {

  /** The profile (aggregate) this fact belongs to, e.g. {@code "system"}. */
  String profile();
}
