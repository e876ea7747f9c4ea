package io.statectl.kernel.profile;

/**
 * A request to change a profile's history. Commands are separate from the events they cause:
 * the {@link ProfileAggregate} decides, from the history so far, whether each is allowed.
 */
public sealed interface ProfileCommand
    permits SubmitConfiguration, RecordEvaluation, CreateGeneration, ActivateGeneration, RecordBackup,
    DeleteGenerations, RestoreGeneration, RecordCollection, RecordDrift, RecordActivationFailure, RecordRevert,
    RecordBootEntries, RecordBootChoice {
  String profile();
}
