package io.statectl.shell.engine.cache;

import io.statectl.kernel.cache.BinaryCache;
import io.statectl.kernel.cache.Substituter;
import io.statectl.kernel.cache.Substitution;
import io.statectl.kernel.cache.TrustedKey;
import io.statectl.kernel.modules.StoreModule;
import io.statectl.kernel.realise.SubstitutionPort;
import io.statectl.kernel.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Wires the evaluated {@code store.*} options (with the command's flags applied) into the realiser's substitution port. */
public final class Substituters {
  /** How long a "this cache does not have it" answer is believed (per process), as Nix's narinfo cache. */
  static final Duration NEGATIVE_TTL = Duration.ofMinutes(5);

  private Substituters() {}

  /** Returns the port for {@code settings} (no substituters: {@link SubstitutionPort#NONE}). */
  public static SubstitutionPort port(Store store, StoreModule.Settings settings, Substitution.Listener listener) {
    return port(store, settings, SubstituterFlags.DEFAULT_CONNECTIONS, listener);
  }

  /** As above, downloading up to {@code connections} NARs at once. */
  public static SubstitutionPort port(Store store, StoreModule.Settings settings, int connections,
      Substitution.Listener listener) {
    if (settings == null || settings.substituters().isEmpty()) {
      return SubstitutionPort.NONE;
    }
    List<TrustedKey> keys = settings.trustedPublicKeys().stream().map(k -> TrustedKey.parse(k, "store.trustedPublicKeys"))
        .toList();
    Substituter.Signatures policy = settings.requireSigs() ? Substituter.Signatures.REQUIRED : Substituter.Signatures.OPTIONAL;
    List<Substituter> all = settings.substituters().stream()
        .map(url -> new Substituter(BinaryCache.open(url, settings.timeout(), Optional.empty()),
            store.directory().toString(), keys, policy))
        .toList();
    return new Substitution(store, all, settings.timeout(), NEGATIVE_TTL, Clock.systemUTC(), listener, connections);
  }
}
