package io.statectl.kernel.plugins;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records a plugin removal. */
public record RemovePlugin(@TargetAggregateIdentifier String registry, String id, boolean forced) {}
