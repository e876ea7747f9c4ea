package io.statectl.kernel.derivation;

import io.statectl.kernel.store.Hash;
import io.statectl.kernel.store.PathNotValidException;
import io.statectl.kernel.store.RegistrationBatch;
import io.statectl.kernel.store.Store;
import io.statectl.kernel.store.StoreIoException;
import io.statectl.kernel.store.StorePath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Turns {@link DerivationDraft drafts} into derivations with computed output paths and stores them
 * as {@code <hash>-<name>.drv}, so that a build can be redone later from the store alone; also
 * reads stored derivations back.
 *
 * <p>Output paths are input-addressed as Nix does it: the SHA-256 of the canonical JSON with the
 * output paths blanked and every input derivation replaced by its own such hash ("hash modulo"),
 * so a change to any input, however deep, changes the path. A fixed-output derivation's hash
 * stands for its declared content only, so a new URL with the same content changes nothing
 * downstream.
 *
 * <p>Thread-safe; derivations read or made are cached for the instantiator's life.
 */
public final class Instantiator {
  private static final StorePath PLACEHOLDER = StorePath.parse("00000000000000000000000000000000-placeholder");

  private final Store store;
  private final String storeDir;
  private final Map<StorePath, Derivation> derivations = new ConcurrentHashMap<>();
  private final Map<StorePath, Hash> hashes = new ConcurrentHashMap<>();
  private volatile RegistrationBatch batch;

  public Instantiator(Store store) {
    this.store = store;
    this.storeDir = store.directory().toString();
  }

  /** Computes the outputs of {@code draft}; nothing is written. */
  public Derivation resolve(DerivationDraft draft) {
    TreeMap<String, String> env = new TreeMap<>(draft.env());
    if (draft.fixedSha256().isPresent()) {
      Hash sha = draft.fixedSha256().get();
      StorePath out = StorePath.inputAddressed("output:out", fixedInner(sha), storeDir, draft.name());
      env.put("out", storeDir + "/" + out);
      return new Derivation(draft.name(), draft.platform(), draft.builder(), draft.args(), env,
          draft.inputDerivations(), draft.inputSources(), out(new DerivationOutput.Fixed(out, sha)));
    }
    env.put("out", "");
    Derivation masked = new Derivation(draft.name(), draft.platform(), draft.builder(), draft.args(), env,
        draft.inputDerivations(), draft.inputSources(), out(new DerivationOutput.InputAddressed(PLACEHOLDER)));
    Hash modulo = moduloOf(masked);
    StorePath out = StorePath.inputAddressed("output:out", modulo, storeDir, draft.name());
    env.put("out", storeDir + "/" + out);
    return new Derivation(draft.name(), draft.platform(), draft.builder(), draft.args(), env,
        draft.inputDerivations(), draft.inputSources(), out(new DerivationOutput.InputAddressed(out)));
  }

  /**
   * Resolves {@code draft} and adds its {@code .drv} to the store; returns the {@code .drv}'s path.
   * Adding the same draft again returns the same path and writes nothing new.
   */
  public StorePath add(DerivationDraft draft) {
    Derivation d = resolve(draft);
    java.util.Set<StorePath> refs = new java.util.TreeSet<>(d.inputSources());
    refs.addAll(d.inputDerivations().keySet());
    byte[] text = DerivationJson.encode(d, storeDir);
    RegistrationBatch b = batch;
    StorePath drv = b != null ? b.addText(d.name() + ".drv", text, refs) : store.addText(d.name() + ".drv", text, refs);
    derivations.put(drv, d);
    return drv;
  }

  /**
   * Runs {@code work}, whose {@link #add adds} register together when it ends (one index
   * transaction for all of them); if it fails, none of them is registered. Not reentrant.
   */
  public <T> T inOneCommit(Supplier<T> work) {
    RegistrationBatch b = store.batch();
    batch = b;
    try {
      T result = work.get();
      b.commit();
      return result;
    } finally {
      batch = null;
    }
  }

  /** Remembers derivations already known to be stored (say, from an earlier command), as {@link #get} would. */
  public void remember(Map<StorePath, Derivation> known) {
    derivations.putAll(known);
  }

  /** The derivations read or made so far. */
  public Map<StorePath, Derivation> known() {
    return Map.copyOf(derivations);
  }

  /**
   * Returns the derivation stored at {@code drv}.
   *
   * @throws PathNotValidException if it is not a valid path
   * @throws IllegalArgumentException if it is not a derivation
   */
  public Derivation get(StorePath drv) {
    Derivation cached = derivations.get(drv);
    if (cached != null) {
      return cached;
    }
    if (!store.isValid(drv)) {
      throw new PathNotValidException(drv);
    }
    try {
      Derivation d = DerivationJson.parse(Files.readAllBytes(store.toFile(drv)), storeDir);
      derivations.put(drv, d);
      return d;
    } catch (IOException e) {
      throw new StoreIoException(store.toFile(drv), "read the derivation", e);
    }
  }

  /** The hash a derivation stands for in its dependents' hashes ("hash modulo"). */
  public Hash hashModulo(StorePath drv) {
    Hash cached = hashes.get(drv);
    if (cached != null) {
      return cached;
    }
    Derivation d = get(drv);
    Hash h;
    if (d.outputs().get("out") instanceof DerivationOutput.Fixed f) {
      h = Hash.of(("fixed:out:sha256:" + f.sha256().toHex() + ":" + storeDir + "/" + f.path())
          .getBytes(StandardCharsets.UTF_8));
    } else {
      h = moduloOf(d);
    }
    hashes.put(drv, h);
    return h;
  }

  private Hash moduloOf(Derivation d) {
    String text = DerivationJson.write(d, storeDir, input -> hashModulo(input).toHex(), DerivationJson.Masking.OUTPUTS);
    return Hash.of(text.getBytes(StandardCharsets.UTF_8));
  }

  private static java.util.SortedMap<String, DerivationOutput> out(DerivationOutput o) {
    return new TreeMap<>(Map.of("out", o));
  }

  private static Hash fixedInner(Hash sha) {
    return Hash.of(("fixed:out:sha256:" + sha.toHex() + ":").getBytes(StandardCharsets.UTF_8));
  }
}
