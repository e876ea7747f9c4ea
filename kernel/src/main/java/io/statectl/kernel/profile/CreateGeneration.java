package io.statectl.kernel.profile;

import io.statectl.events.SourceRevision;
import java.util.Optional;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Makes a realised generation the next numbered one; the handler answers with its number. */
public record CreateGeneration(@TargetAggregateIdentifier String profile, String host, String storePath,
    String snapshotPath, Optional<SourceRevision> source, Optional<String> message) implements ProfileCommand {}
