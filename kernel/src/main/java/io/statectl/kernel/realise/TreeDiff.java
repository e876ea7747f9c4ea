package io.statectl.kernel.realise;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/** Finds the first entry, in sorted order, where two trees differ; for {@code build --check}. */
final class TreeDiff {
  private TreeDiff() {}

  /** The relative path (empty string for the root) and what differs, or empty when equal. */
  static Optional<String> firstDifference(Path a, Path b) {
    try {
      return compare(a, b, "");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Optional<String> compare(Path a, Path b, String rel) throws IOException {
    String name = rel.isEmpty() ? "(the output itself)" : rel;
    boolean aLink = Files.isSymbolicLink(a);
    boolean bLink = Files.isSymbolicLink(b);
    boolean aExists = aLink || Files.exists(a, LinkOption.NOFOLLOW_LINKS);
    boolean bExists = bLink || Files.exists(b, LinkOption.NOFOLLOW_LINKS);
    if (aExists != bExists) {
      return Optional.of(name + ": " + (aExists ? "missing from the rebuild" : "only in the rebuild"));
    }
    if (aLink || bLink) {
      if (aLink != bLink || !Files.readSymbolicLink(a).equals(Files.readSymbolicLink(b))) {
        return Optional.of(name + ": symlink differs");
      }
      return Optional.empty();
    }
    boolean aDir = Files.isDirectory(a, LinkOption.NOFOLLOW_LINKS);
    if (aDir != Files.isDirectory(b, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.of(name + ": file type differs");
    }
    if (!aDir) {
      if (Files.isExecutable(a) != Files.isExecutable(b)) {
        return Optional.of(name + ": executable bit differs");
      }
      if (!Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(b))) {
        return Optional.of(name + ": contents differ");
      }
      return Optional.empty();
    }
    TreeSet<String> names = new TreeSet<>();
    for (Path dir : new Path[] {a, b}) {
      try (Stream<Path> s = Files.list(dir)) {
        s.forEach(p -> names.add(p.getFileName().toString()));
      }
    }
    for (String n : names) {
      Optional<String> d = compare(a.resolve(n), b.resolve(n), rel.isEmpty() ? n : rel + "/" + n);
      if (d.isPresent()) {
        return d;
      }
    }
    return Optional.empty();
  }
}
