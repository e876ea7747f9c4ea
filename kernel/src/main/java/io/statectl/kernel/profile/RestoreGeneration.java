package io.statectl.kernel.profile;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Makes a deleted generation, realised again at its recorded store path, a generation again. */
public record RestoreGeneration(@TargetAggregateIdentifier String profile, int number) implements ProfileCommand {}
