package io.statectl.kernel.derivation;

import io.statectl.kernel.store.Hash;
import io.statectl.kernel.store.StorePath;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A derivation before its output paths are known: what {@link Instantiator#add} turns into a
 * {@link Derivation} and a {@code .drv}. Build one with {@link #builder}.
 */
public record DerivationDraft(String name, String platform, String builder, List<String> args,
    SortedMap<String, String> env, SortedMap<StorePath, SortedSet<String>> inputDerivations,
    SortedSet<StorePath> inputSources, Optional<Hash> fixedSha256) {

  public DerivationDraft {
    StorePath.checkName(name);
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(builder, "builder");
    Objects.requireNonNull(fixedSha256, "fixedSha256");
    args = List.copyOf(args);
    env = new TreeMap<>(env);
    inputDerivations = new TreeMap<>(inputDerivations);
    inputSources = new TreeSet<>(inputSources);
  }

  public static Builder builder(String name, String platform, String builder) {
    return new Builder(name, platform, builder);
  }

  /** Collects the parts of a draft. Not thread-safe. */
  public static final class Builder {
    private final String name;
    private final String platform;
    private final String builder;
    private final List<String> args = new ArrayList<>();
    private final SortedMap<String, String> env = new TreeMap<>();
    private final SortedMap<StorePath, SortedSet<String>> inputs = new TreeMap<>();
    private final SortedSet<StorePath> sources = new TreeSet<>();
    private Optional<Hash> fixed = Optional.empty();

    private Builder(String name, String platform, String builder) {
      this.name = name;
      this.platform = platform;
      this.builder = builder;
    }

    public Builder arg(String arg) {
      args.add(arg);
      return this;
    }

    public Builder env(String key, String value) {
      env.put(key, value);
      return this;
    }

    /** Depends on output {@code out} of the derivation at {@code drv}. */
    public Builder input(StorePath drv) {
      inputs.computeIfAbsent(drv, k -> new TreeSet<>()).add("out");
      return this;
    }

    public Builder source(StorePath path) {
      sources.add(path);
      return this;
    }

    /** Makes this a fixed-output derivation whose flat file must hash to {@code sha256}. */
    public Builder fixedOutput(Hash sha256) {
      fixed = Optional.of(sha256);
      return this;
    }

    public DerivationDraft build() {
      return new DerivationDraft(name, platform, builder, args, env, inputs, sources, fixed);
    }
  }
}
