package io.statectl.shell.engine.boot;

import io.statectl.kernel.boot.BootLoaderDir;
import io.statectl.projections.generations.GenerationRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a root says about booting its generations, for {@code generations} and {@code boot}: which
 * have an entry, the loader's default, the pending one-shot choice, and the booted one — the
 * generation {@code <root>/run/booted-system} points at (set by the boot-time activation; when
 * several generations share that store path, the active one, else the newest).
 */
public record BootMarks(Set<Integer> entries, Optional<Integer> defaultGeneration, Optional<Integer> once,
    Optional<Integer> booted) {
  public static final String BOOTED_SYSTEM = "run/booted-system";
  public static final BootMarks NONE = new BootMarks(Set.of(), Optional.empty(), Optional.empty(), Optional.empty());

  public BootMarks {
    entries = Set.copyOf(entries);
  }

  public static BootMarks of(Path root, List<GenerationRecord> generations, int active) {
    BootLoaderDir dir = new BootLoaderDir(root);
    Optional<Integer> booted = bootedPath(root).flatMap(name -> generations.stream()
        .filter(g -> Path.of(g.storePath()).getFileName().toString().equals(name))
        .map(GenerationRecord::number)
        .reduce((a, b) -> a == active ? a : b));
    return new BootMarks(dir.entries().keySet(), dir.defaultGeneration(), dir.oneShot(), booted);
  }

  /** The store path name {@code run/booted-system} points at, if it is a link. */
  static Optional<String> bootedPath(Path root) {
    Path link = root.resolve(BOOTED_SYSTEM);
    try {
      return Files.isSymbolicLink(link) ? Optional.of(Files.readSymbolicLink(link).getFileName().toString())
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty(); // unreadable: nothing is known to be booted
    }
  }

  /** The words {@code generations} prints after a generation: "booted", "boot default", … */
  public List<String> of(int number) {
    List<String> words = new java.util.ArrayList<>();
    if (booted.equals(Optional.of(number))) {
      words.add("booted");
    }
    if (defaultGeneration.equals(Optional.of(number))) {
      words.add("boot default");
    }
    if (once.equals(Optional.of(number))) {
      words.add("next boot");
    }
    if (entries.contains(number) && words.isEmpty()) {
      words.add("boot entry");
    }
    return words;
  }
}
