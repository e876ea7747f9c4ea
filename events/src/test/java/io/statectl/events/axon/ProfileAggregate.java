package io.statectl.events.axon;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.statectl.events.Events;
import io.statectl.events.GenerationCreated;
import io.statectl.events.ConfigurationSubmitted;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/** A tiny event-sourced profile, to run the engine under Axon's real aggregate machinery. */
class ProfileAggregate {

  @AggregateIdentifier private String profile;
  private int generations;

  ProfileAggregate() {}

  ProfileAggregate(String profile) {
    apply(Events.submitted(profile));
  }

  void createGeneration() {
    apply(Events.created(profile, generations + 1));
  }

  int generations() {
    return generations;
  }

  @EventSourcingHandler
  void on(ConfigurationSubmitted event) {
    profile = event.profile();
  }

  @EventSourcingHandler
  void on(GenerationCreated event) {
    generations = event.number();
  }
}
