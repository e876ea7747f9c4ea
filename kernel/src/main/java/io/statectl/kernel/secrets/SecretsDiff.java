package io.statectl.kernel.secrets;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Which secrets differ between two generation trees, by the ciphertext hashes and declarations
 * they recorded: {@code secret db changed}. Never decrypts.
 */
public final class SecretsDiff {
  private SecretsDiff() {}

  /** One line per secret added, removed or changed, sorted by name. */
  public static List<String> lines(Path genA, Path genB) {
    Map<String, SecretsManifest.Entry> a = entries(genA);
    Map<String, SecretsManifest.Entry> b = entries(genB);
    TreeSet<String> names = new TreeSet<>(a.keySet());
    names.addAll(b.keySet());
    List<String> out = new ArrayList<>();
    for (String n : names) {
      SecretsManifest.Entry x = a.get(n);
      SecretsManifest.Entry y = b.get(n);
      if (x == null) {
        out.add("secret " + n + " added (" + y.path() + ")");
      } else if (y == null) {
        out.add("secret " + n + " removed (" + x.path() + ")");
      } else if (!x.sha256().equals(y.sha256())) {
        out.add("secret " + n + " changed (ciphertext " + x.sha256().substring(0, 12) + "… → "
            + y.sha256().substring(0, 12) + "…)");
      } else if (!x.equals(y)) {
        out.add("secret " + n + " changed its declaration (path, owner, group, mode or recipients)");
      }
    }
    return out;
  }

  private static Map<String, SecretsManifest.Entry> entries(Path gen) {
    return SecretsManifest.of(gen).map(m -> m.secrets().stream()
        .collect(Collectors.toMap(SecretsManifest.Entry::name, Function.identity(), (p, q) -> p, TreeMap::new)))
        .orElse(new TreeMap<>());
  }
}
