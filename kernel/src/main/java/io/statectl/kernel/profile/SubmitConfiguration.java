package io.statectl.kernel.profile;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record SubmitConfiguration(@TargetAggregateIdentifier String profile, String host, String snapshotPath,
    String configDir) implements ProfileCommand {}
