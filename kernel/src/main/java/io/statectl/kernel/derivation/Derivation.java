package io.statectl.kernel.derivation;

import io.statectl.kernel.store.StorePath;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A build recipe with its outputs resolved: run {@code builder} with {@code args} in {@code env}
 * on {@code platform}, with the outputs of {@code inputDerivations} and the {@code inputSources}
 * present, to produce {@code outputs}. Immutable; made by {@link Derivations#resolve}, which
 * computes the output paths, or read back from a {@code .drv} by {@link DerivationJson#parse}.
 *
 * @param name name of the derivation and (for output {@code out}) of its output path
 * @param platform e.g. {@code x86_64-linux}, or {@code builtin} for fetches done by statectl
 * @param builder absolute path of the program to run, or {@code builtin:fetchurl}
 * @param args arguments of the builder
 * @param env environment of the builder (the sandbox adds its own fixed variables)
 * @param inputDerivations the {@code .drv} paths this depends on, with the outputs it uses
 * @param inputSources store paths (sources, scripts, tools) it reads directly
 * @param outputs outputs by name, {@code out} at least
 */
public record Derivation(String name, String platform, String builder, List<String> args,
    SortedMap<String, String> env, SortedMap<StorePath, SortedSet<String>> inputDerivations,
    SortedSet<StorePath> inputSources, SortedMap<String, DerivationOutput> outputs) {

  /** The builder that statectl runs itself, outside any sandbox: fetch a URL. */
  public static final String FETCHURL = "builtin:fetchurl";

  public Derivation {
    StorePath.checkName(name);
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(builder, "builder");
    args = List.copyOf(args);
    env = Collections.unmodifiableSortedMap(new TreeMap<>(env));
    TreeMap<StorePath, SortedSet<String>> drvs = new TreeMap<>();
    inputDerivations.forEach((k, v) -> drvs.put(k, Collections.unmodifiableSortedSet(new TreeSet<>(v))));
    inputDerivations = Collections.unmodifiableSortedMap(drvs);
    inputSources = Collections.unmodifiableSortedSet(new TreeSet<>(inputSources));
    outputs = Collections.unmodifiableSortedMap(new TreeMap<>(outputs));
    if (!outputs.containsKey("out")) {
      throw new IllegalArgumentException("derivation " + name + " has no output 'out'");
    }
  }

  /** The path of output {@code out}. */
  public StorePath out() {
    return outputs.get("out").path();
  }

  /** Whether this is a fixed-output derivation (which alone may use the network). */
  public boolean isFixedOutput() {
    return outputs.values().stream().allMatch(o -> o instanceof DerivationOutput.Fixed);
  }

  /** The output paths, by name. */
  public Map<String, StorePath> outputPaths() {
    TreeMap<String, StorePath> paths = new TreeMap<>();
    outputs.forEach((k, v) -> paths.put(k, v.path()));
    return paths;
  }
}
