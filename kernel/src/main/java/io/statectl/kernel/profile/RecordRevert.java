package io.statectl.kernel.profile;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records that an unconfirmed deployed generation was put back by the node itself. */
public record RecordRevert(@TargetAggregateIdentifier String profile, int number, int revertedTo, String reason)
    implements ProfileCommand {}
