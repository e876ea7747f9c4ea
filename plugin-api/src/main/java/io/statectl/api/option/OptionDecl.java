package io.statectl.api.option;

import io.statectl.api.config.ConfigValue;
import java.util.Objects;
import java.util.Optional;

/**
 * A declared option: its type, default, documentation, and whether a value is required.
 *
 * <p>An option with neither a default nor {@link Presence#REQUIRED} is optional: when nobody
 * defines it, it is absent from the evaluated configuration.
 *
 * @since 0.1
 */
public record OptionDecl(OptionType type, Optional<ConfigValue> defaultValue, String description,
    Optional<String> example, Presence presence) {

  /** Whether the configuration must define the option. */
  public enum Presence { OPTIONAL, REQUIRED }

  public OptionDecl {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(defaultValue, "defaultValue");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(example, "example");
    Objects.requireNonNull(presence, "presence");
    if (presence == Presence.REQUIRED && defaultValue.isPresent()) {
      throw new IllegalArgumentException("a required option has no default");
    }
  }

  /** Starts a declaration: {@code OptionDecl.of(OptionType.bool(), "…").withDefault(Defaults.of(false))}. */
  public static OptionDecl of(OptionType type, String description) {
    return new OptionDecl(type, Optional.empty(), description, Optional.empty(), Presence.OPTIONAL);
  }

  public OptionDecl withDefault(ConfigValue value) {
    return new OptionDecl(type, Optional.of(value), description, example, Presence.OPTIONAL);
  }

  public OptionDecl withExample(String text) {
    return new OptionDecl(type, defaultValue, description, Optional.of(text), presence);
  }

  public OptionDecl required() {
    return new OptionDecl(type, Optional.empty(), description, example, Presence.REQUIRED);
  }
}
