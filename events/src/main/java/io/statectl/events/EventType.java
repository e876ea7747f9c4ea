package io.statectl.events;

import java.util.Objects;

/**
 * One kind of event as the log names it: its record class, its stable short name and the schema
 * version this statectl writes.
 *
 * <p>The short name, not the Java class name, is what the log stores, so that classes can move
 * between packages without rewriting history.
 *
 * @param eventClass the record class in the {@link StatectlEvent} hierarchy
 * @param name the stable short type name, e.g. {@code "GenerationCreated"}
 * @param schemaVersion the current schema version, 1 or more
 */
public record EventType(Class<? extends StatectlEvent> eventClass, String name, int schemaVersion) {
  public EventType {
    Objects.requireNonNull(eventClass, "eventClass");
    Objects.requireNonNull(name, "name");
    if (name.isEmpty() || !name.chars().allMatch(c -> c < 128 && Character.isLetterOrDigit(c))) {
      throw new IllegalArgumentException("event type names are ASCII letters and digits: '" + name + "'");
    }
    if (schemaVersion < 1) {
      throw new IllegalArgumentException("schema versions start at 1: " + name + " v" + schemaVersion);
    }
  }
}
