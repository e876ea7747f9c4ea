package io.statectl.kernel.profile;

import io.statectl.events.ActivationReason;
import io.statectl.events.SourceRevision;
import io.statectl.events.axon.AxonUpcasters;
import io.statectl.events.axon.EventSerialization;
import io.statectl.events.axon.LmdbEventStorageEngine;
import io.statectl.events.log.EventLog;
import io.statectl.kernel.KernelException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.Serializer;

/**
 * The write side: an embedded Axon configuration (no Axon Server) whose event store is our LMDB
 * log, with the {@link ProfileAggregate} as the only aggregate. Started only by commands that
 * change history; read commands never pay for it.
 */
public final class ProfileCommands implements AutoCloseable {
  /** Event metadata key naming the OS user who ran the command. */
  public static final String USER = "user";
  private final Configuration axon;

  private ProfileCommands(Configuration axon) {
    this.axon = axon;
  }

  public static ProfileCommands start(EventLog log) {
    Serializer serializer = EventSerialization.jacksonSerializer();
    Configuration axon = DefaultConfigurer.defaultConfiguration()
        .configureSerializer(c -> serializer)
        .configureEventSerializer(c -> serializer)
        .configureMessageSerializer(c -> serializer)
        .configureEmbeddedEventStore(c -> LmdbEventStorageEngine.builder()
            .eventLog(log)
            .eventSerializer(serializer)
            .snapshotSerializer(serializer)
            .upcasterChain(AxonUpcasters.chain())
            .build())
        // Who made a change: the command's "user" metadata is copied onto the events it causes.
        .configureCorrelationDataProviders(c -> List.of(new MessageOriginProvider(),
            new SimpleCorrelationDataProvider(USER)))
        .configureAggregate(ProfileAggregate.class)
        .configureAggregate(io.statectl.kernel.plugins.PluginRegistryAggregate.class)
        .buildConfiguration();
    axon.start();
    return new ProfileCommands(axon);
  }

  public void submit(String profile, String host, String snapshotPath, String configDir) {
    send(profile, new SubmitConfiguration(profile, host, snapshotPath, configDir));
  }

  public void recordEvaluation(String profile, String host, String snapshotPath, String generationPath,
      int entries, List<String> plugins) {
    send(profile, new RecordEvaluation(profile, host, snapshotPath, generationPath, entries, plugins));
  }

  /** Records a new generation and returns the number the profile gave it. */
  public int createGeneration(String profile, String host, String storePath, String snapshotPath) {
    return createGeneration(profile, host, storePath, snapshotPath, Optional.empty(), Optional.empty());
  }

  /** Records the next generation with where its configuration came from and the user's message. */
  public int createGeneration(String profile, String host, String storePath, String snapshotPath,
      Optional<SourceRevision> source, Optional<String> message) {
    Object n = send(profile, new CreateGeneration(profile, host, storePath, snapshotPath, source, message));
    return (Integer) n;
  }

  public void activate(String profile, int number, int expectedPrevious, ActivationReason reason, String home) {
    activate(profile, number, expectedPrevious, reason, home, null);
  }

  /** As above, recording the root its root files went under ({@code null}: it has none). */
  public void activate(String profile, int number, int expectedPrevious, ActivationReason reason, String home,
      String root) {
    send(profile, new ActivateGeneration(profile, number, expectedPrevious, reason, home, root));
  }

  /** Records that activating generation {@code number} left units failed (and where a rollback went, or 0). */
  public void recordActivationFailure(String profile, int number, List<String> failedUnits, int rolledBackTo) {
    recordActivationFailure(io.statectl.events.ActivationFailed.units(profile, number, failedUnits, rolledBackTo),
        Optional.empty());
  }

  /**
   * Records an activation's failure; with {@code activated}, the generation it left active is
   * recorded first, in the same commit (a crash cannot separate them).
   */
  public void recordActivationFailure(io.statectl.events.ActivationFailed failure,
      Optional<ActivateGeneration> activated) {
    send(failure.profile(), new RecordActivationFailure(failure.profile(), failure, activated));
  }

  /** Records that deployed generation {@code number} was not confirmed and {@code revertedTo} is active again. */
  public void recordRevert(String profile, int number, int revertedTo, String reason) {
    send(profile, new RecordRevert(profile, number, revertedTo, reason));
  }

  public void recordBackup(String profile, String livePath, String storePath, String mode) {
    send(profile, new RecordBackup(profile, livePath, storePath, mode));
  }

  public void installPlugin(io.statectl.kernel.plugins.InstallPlugin command) {
    send(command.registry(), command);
  }

  public void removePlugin(io.statectl.kernel.plugins.RemovePlugin command) {
    send(command.registry(), command);
  }

  /** Deletes generations; refused for the active one ({@link GenerationActiveException}). */
  public void deleteGenerations(String profile, List<Integer> numbers) {
    send(profile, new DeleteGenerations(profile, numbers));
  }

  /** Makes a deleted generation, realised again at its recorded path, a generation again. */
  public void restoreGeneration(String profile, int number) {
    send(profile, new RestoreGeneration(profile, number));
  }

  /** Records which generations have boot entries under {@code root} and which is the default. */
  public void recordBootEntries(String profile, String root, List<Integer> generations, int defaultGeneration) {
    send(profile, new RecordBootEntries(profile, root, generations, defaultGeneration));
  }

  /** Records {@code boot --default N} or {@code boot --once N}. */
  public void recordBootChoice(String profile, String root, int generation, io.statectl.events.BootChoice choice) {
    send(profile, new RecordBootChoice(profile, root, generation, choice));
  }

  public void recordCollection(String profile, List<String> paths, long bytes) {
    send(profile, new RecordCollection(profile, paths, bytes));
  }

  public void recordDrift(String profile, int generation, String home, List<io.statectl.events.DriftItem> items,
      RecordDrift.Outcome outcome) {
    send(profile, new RecordDrift(profile, generation, home, items, outcome));
  }

  private Object send(String profile, Object command) {

    try {
      return axon.commandGateway().sendAndWait(GenericCommandMessage.asCommandMessage(command)
          .andMetaData(Map.of(USER, System.getProperty("user.name", "unknown"))));
    } catch (CommandExecutionException e) {
      throw unwrap(profile, e);
    } catch (ConcurrencyException e) {
      throw new ConcurrentProfileChangeException(profile, e);
    }
  }

  private static RuntimeException unwrap(String profile, RuntimeException e) {
    Throwable c = e;
    while (c != null) {
      if (c instanceof KernelException k) {
        return k;
      }
      if (c instanceof ConcurrencyException ce) {
        return new ConcurrentProfileChangeException(profile, ce);
      }
      c = c.getCause();
    }
    return e;
  }

  @Override
  public void close() {
    axon.shutdown();
  }
}
