package io.statectl.events;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one registry of event kinds: each {@link StatectlEvent} record class maps to a stable short
 * type name and its current schema version, and back.
 *
 * <p>Immutable and thread-safe. A new kind of fact is a new record in the sealed hierarchy plus
 * one line in {@link #REGISTERED}; bumping a schema version also bumps the record's
 * {@code @Revision} (Axon's upcasters match on it) and needs an upcaster for the old version.
 */
public final class EventTypes {

  private static final List<EventType> REGISTERED =
      List.of(
          new EventType(ConfigurationSubmitted.class, "ConfigurationSubmitted", 1),
          new EventType(ConfigurationEvaluated.class, "ConfigurationEvaluated", 1),
          new EventType(GenerationCreated.class, "GenerationCreated", 1),
          new EventType(GenerationActivated.class, "GenerationActivated", 1),
          new EventType(FileBackedUp.class, "FileBackedUp", 2),
          new EventType(GenerationsDeleted.class, "GenerationsDeleted", 1),
          new EventType(GenerationRestored.class, "GenerationRestored", 1),
          new EventType(StorePathsCollected.class, "StorePathsCollected", 1),
          new EventType(DriftDetected.class, "DriftDetected", 1),
          new EventType(DriftRepaired.class, "DriftRepaired", 1),
          new EventType(PluginInstalled.class, "PluginInstalled", 1),
          new EventType(PluginRemoved.class, "PluginRemoved", 1),
          new EventType(BuildStarted.class, "BuildStarted", 1),
          new EventType(BuildSucceeded.class, "BuildSucceeded", 1),
          new EventType(BuildFailed.class, "BuildFailed", 1),
          new EventType(ActivationFailed.class, "ActivationFailed", 2),
          new EventType(PathSubstituted.class, "PathSubstituted", 1),
          new EventType(DeployStarted.class, "DeployStarted", 1),
          new EventType(DeployCompleted.class, "DeployCompleted", 1),
          new EventType(DeployFailed.class, "DeployFailed", 1),
          new EventType(ActivationReverted.class, "ActivationReverted", 1),
          new EventType(BootEntriesWritten.class, "BootEntriesWritten", 1),
          new EventType(BootDefaultChanged.class, "BootDefaultChanged", 1),
          new EventType(Installed.class, "Installed", 1));

  private static final Map<String, EventType> BY_NAME = index(true);
  private static final Map<String, EventType> BY_CLASS_NAME = index(false);

  private EventTypes() {}

  /** Every registered event kind, in registration order. */
  public static List<EventType> all() {
    return REGISTERED;
  }

  /** The event kind of a record class; every permitted {@link StatectlEvent} class has one. */
  public static EventType of(Class<? extends StatectlEvent> eventClass) {
    EventType type = BY_CLASS_NAME.get(eventClass.getName());
    if (type == null) {
      throw new UnregisteredEventClassException(eventClass.getName());
    }
    return type;
  }

  /** The event kind of an event. */
  public static EventType of(StatectlEvent event) {
    return of(event.getClass());
  }

  /** The event kind with this short name, or empty when this statectl does not know it. */
  public static Optional<EventType> byName(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  /**
   * The event kind of this fully qualified Java class name (Axon's serialized type name), or empty
   * when the class is not a registered event.
   */
  public static Optional<EventType> byClassName(String className) {
    return Optional.ofNullable(BY_CLASS_NAME.get(className));
  }

  /**
   * The event kind a stored record names, checking that this statectl can read it.
   *
   * <p>Older schema versions are accepted (upcasters carry them forward); an unknown name or a
   * newer version means a newer statectl wrote the log.
   *
   * @param sequence the record's global sequence, for the message; 0 when not read from the log
   * @throws UnknownEventTypeException when the name is unknown or the version newer than current
   */
  public static EventType require(String name, int schemaVersion, long sequence) {
    EventType type = BY_NAME.get(name);
    if (type == null || schemaVersion > type.schemaVersion()) {
      throw new UnknownEventTypeException(name, schemaVersion, sequence);
    }
    return type;
  }

  private static Map<String, EventType> index(boolean byShortName) {
    Map<String, EventType> index = new LinkedHashMap<>();
    for (EventType type : REGISTERED) {
      String key = byShortName ? type.name() : type.eventClass().getName();
      if (index.put(key, type) != null) {
        throw new IllegalStateException("event type registered twice: " + key);
      }
    }
    return Map.copyOf(index);
  }
}
