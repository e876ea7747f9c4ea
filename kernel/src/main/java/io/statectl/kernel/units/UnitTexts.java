package io.statectl.kernel.units;

import io.statectl.kernel.generation.ManifestEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Where the text of a generation's unit file comes from: the generation tree, or (before it is built) the evaluation. */
@FunctionalInterface
public interface UnitTexts {

  Optional<String> text(ManifestEntry entry);

  /** Reads units from a generation directory (or a profile link pointing at one). */
  static UnitTexts in(Path generation) {
    return e -> {
      Path f = generation.resolve(e.source());
      if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
        return Optional.empty();
      }
      try {
        return Optional.of(Files.readString(f));
      } catch (IOException x) {
        throw new UncheckedIOException("cannot read unit " + f, x);
      }
    };
  }

  /** Texts keyed by {@code "/"+target} for root files and {@code "~/"+target} for home files. */
  static UnitTexts of(Map<String, String> byKey) {
    return e -> Optional.ofNullable(byKey.get((e.underRoot() ? "/" : "~/") + e.target()));
  }

  /** The first that knows the unit. */
  default UnitTexts or(UnitTexts other) {
    return e -> text(e).or(() -> other.text(e));
  }
}
