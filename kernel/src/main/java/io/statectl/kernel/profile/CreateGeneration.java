package io.statectl.kernel.profile;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Makes a realised generation the next numbered one; the handler answers with its number. */
public record CreateGeneration(@TargetAggregateIdentifier String profile, String host, String storePath,
    String snapshotPath) implements ProfileCommand {}
