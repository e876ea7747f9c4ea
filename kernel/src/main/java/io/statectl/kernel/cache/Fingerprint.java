package io.statectl.kernel.cache;

import io.statectl.kernel.store.Hash;
import io.statectl.kernel.store.StorePath;
import java.util.Collection;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What a binary-cache signature signs, exactly as Nix's {@code ValidPathInfo::fingerprint}:
 * {@code 1;<storeDir>/<path>;sha256:<nix-base32 NarHash>;<NarSize>;<refs>} where {@code <refs>} are
 * the full reference paths, sorted, joined by commas. The store directory is part of it, so a
 * signature made for one store directory is not valid for another.
 */
public final class Fingerprint {
  private Fingerprint() {}

  public static String of(String storeDir, StorePath path, Hash narHash, long narSize, Collection<StorePath> references) {
    String refs = new TreeSet<>(references).stream().map(r -> storeDir + "/" + r).collect(Collectors.joining(","));
    return "1;" + storeDir + "/" + path + ";" + narHash + ";" + narSize + ";" + refs;
  }
}
