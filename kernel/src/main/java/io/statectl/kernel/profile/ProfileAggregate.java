package io.statectl.kernel.profile;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.statectl.events.ConfigurationEvaluated;
import io.statectl.events.ConfigurationSubmitted;
import io.statectl.events.FileBackedUp;
import io.statectl.events.GenerationActivated;
import io.statectl.events.GenerationCreated;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * A profile (one sequence of generations, e.g. {@code system}) as an event-sourced aggregate:
 * it numbers generations and guards activation against a stale view of the profile.
 */
public class ProfileAggregate {
  @AggregateIdentifier
  private String profile;
  private int lastGeneration;
  private int active;
  private final Map<Integer, String> generations = new HashMap<>();

  protected ProfileAggregate() {
    // for Axon
  }

  @CommandHandler
  @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
  public void handle(SubmitConfiguration c) {
    apply(new ConfigurationSubmitted(c.profile(), c.host(), c.snapshotPath(), c.configDir()));
  }

  @CommandHandler
  @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
  public void handle(RecordEvaluation c) {
    apply(new ConfigurationEvaluated(c.profile(), c.host(), c.snapshotPath(), c.generationPath(), c.entries(),
        c.plugins()));
  }

  @CommandHandler
  @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
  public int handle(CreateGeneration c) {
    int number = lastGeneration + 1;
    apply(new GenerationCreated(c.profile(), number, c.host(), c.storePath(), c.snapshotPath()));
    return number;
  }

  @CommandHandler
  @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
  public void handle(ActivateGeneration c) {
    String storePath = generations.get(c.number());
    if (storePath == null) {
      throw new GenerationUnknownException(c.profile(), c.number(), lastGeneration);
    }
    if (active != c.expectedPrevious()) {
      throw new ConcurrentProfileChangeException(c.profile(), c.expectedPrevious(), active);
    }
    apply(new GenerationActivated(c.profile(), c.number(), active, storePath, c.reason(), c.home()));
  }

  @CommandHandler
  @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
  public void handle(RecordBackup c) {
    apply(new FileBackedUp(c.profile(), c.livePath(), c.storePath(), c.mode()));
  }

  @EventSourcingHandler
  void on(ConfigurationSubmitted e) {
    profile = e.profile();
  }

  @EventSourcingHandler
  void on(ConfigurationEvaluated e) {
    profile = e.profile();
  }

  @EventSourcingHandler
  void on(GenerationCreated e) {
    profile = e.profile();
    lastGeneration = Math.max(lastGeneration, e.number());
    generations.put(e.number(), e.storePath());
  }

  @EventSourcingHandler
  void on(GenerationActivated e) {
    profile = e.profile();
    active = e.number();
  }

  @EventSourcingHandler
  void on(FileBackedUp e) {
    profile = e.profile();
  }
}
