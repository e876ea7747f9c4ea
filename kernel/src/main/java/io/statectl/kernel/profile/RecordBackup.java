package io.statectl.kernel.profile;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RecordBackup(@TargetAggregateIdentifier String profile, String livePath, String storePath,
    String mode) implements ProfileCommand {}
