package io.statectl.kernel.profile;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.statectl.events.ConfigurationEvaluated;
import io.statectl.events.DriftDetected;
import io.statectl.events.DriftRepaired;
import io.statectl.events.GenerationRestored;
import io.statectl.events.GenerationsDeleted;
import io.statectl.events.StorePathsCollected;
import io.statectl.events.ConfigurationSubmitted;
import io.statectl.events.FileBackedUp;
import io.statectl.events.GenerationActivated;
import io.statectl.events.GenerationCreated;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
  private final Set<Integer> deleted = new HashSet<>();

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
    apply(new GenerationCreated(c.profile(), number, c.host(), c.storePath(), c.snapshotPath(),
        c.source().orElse(null), c.message().orElse(null)));
    return number;
  }

  @CommandHandler
  @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
  public void handle(ActivateGeneration c) {
    String storePath = generations.get(c.number());
    if (storePath == null) {
      throw new GenerationUnknownException(c.profile(), c.number(), lastGeneration);
    }
    if (deleted.contains(c.number())) {
      throw new GenerationDeletedException(c.profile(), c.number());
    }
    if (active != c.expectedPrevious()) {
      throw new ConcurrentProfileChangeException(c.profile(), c.expectedPrevious(), active);
    }
    apply(new GenerationActivated(c.profile(), c.number(), active, storePath, c.reason(), c.home(), c.root()));
  }

  @CommandHandler
  @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
  public void handle(RecordBackup c) {
    apply(new FileBackedUp(c.profile(), c.livePath(), c.storePath(), c.mode()));
  }

  @CommandHandler
  @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
  public void handle(DeleteGenerations c) {
    TreeSet<Integer> numbers = new TreeSet<>(c.numbers());
    for (int n : numbers) {
      if (!generations.containsKey(n)) {
        throw new GenerationUnknownException(c.profile(), n, lastGeneration);
      }
      if (n == active) {
        throw new GenerationActiveException(c.profile(), n);
      }
    }
    numbers.removeAll(deleted);
    if (!numbers.isEmpty()) {
      apply(new GenerationsDeleted(c.profile(), java.util.List.copyOf(numbers)));
    }
  }

  @CommandHandler
  @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
  public void handle(RestoreGeneration c) {
    String storePath = generations.get(c.number());
    if (storePath == null) {
      throw new GenerationUnknownException(c.profile(), c.number(), lastGeneration);
    }
    if (deleted.contains(c.number())) {
      apply(new GenerationRestored(c.profile(), c.number(), storePath));
    }
  }

  @CommandHandler
  @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
  public void handle(RecordBootEntries c) {
    apply(new io.statectl.events.BootEntriesWritten(c.profile(), c.root(), c.generations(), c.defaultGeneration()));
  }

  /** A boot choice names a generation that exists and is not deleted (the handler checked its entry). */
  @CommandHandler
  @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
  public void handle(RecordBootChoice c) {
    if (!generations.containsKey(c.generation()) || deleted.contains(c.generation())) {
      throw new GenerationUnknownException(c.profile(), c.generation(), lastGeneration);
    }
    apply(new io.statectl.events.BootDefaultChanged(c.profile(), c.root(), c.generation(), c.choice()));
  }

  @CommandHandler
  @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
  public void handle(RecordCollection c) {
    apply(new StorePathsCollected(c.profile(), c.paths(), c.bytes()));
  }

  @CommandHandler
  @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
  public void handle(RecordDrift c) {
    if (c.outcome() == RecordDrift.Outcome.DETECTED) {
      apply(new DriftDetected(c.profile(), c.generation(), c.home(), c.items()));
    } else {
      apply(new DriftRepaired(c.profile(), c.generation(), c.home(), c.items()));
    }
  }

  @EventSourcingHandler
  void on(GenerationsDeleted e) {
    profile = e.profile();
    deleted.addAll(e.numbers());
  }

  @EventSourcingHandler
  void on(GenerationRestored e) {
    profile = e.profile();
    deleted.remove(e.number());
  }

  @EventSourcingHandler
  void on(StorePathsCollected e) {
    profile = e.profile();
  }

  @EventSourcingHandler
  void on(DriftDetected e) {
    profile = e.profile();
  }

  @CommandHandler
  @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
  public void handle(RecordActivationFailure c) {
    if (c.activated().isPresent()) {
      handle(c.activated().get());
    }
    apply(c.failure());
  }

  @EventSourcingHandler
  void on(io.statectl.events.ActivationFailed e) {
    profile = e.profile();
  }

  @CommandHandler
  public void handle(RecordRevert c) {
    apply(new io.statectl.events.ActivationReverted(c.profile(), c.number(), c.revertedTo(), c.reason()));
  }

  @EventSourcingHandler
  void on(io.statectl.events.ActivationReverted e) {
    profile = e.profile();
  }

  @EventSourcingHandler
  void on(DriftRepaired e) {
    profile = e.profile();
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
