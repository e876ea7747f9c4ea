package io.statectl.kernel.profile;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records {@code statectl boot --default N}  or {@code --once N}. */
public record RecordBootChoice(@TargetAggregateIdentifier String profile, String root, int generation,
    io.statectl.events.BootChoice choice)
    implements ProfileCommand {}
