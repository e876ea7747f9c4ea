package io.statectl.kernel.config;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/** Resolution of paths written in configuration files against the repository root. */
public final class RepositoryPaths {
  /** Paths of input files start with {@code @<name>/}; no path of the repository itself does. */
  public static final String INPUT_PREFIX = "@";
  /**
   * The file listing the mounted inputs, {@code <name> <store path>} per line: evaluation reads it,
   * so it is in the snapshot (whose store path then refers to every input's) and a re-evaluation of
   * the snapshot knows the inputs.
   */
  public static final String INPUTS_MANIFEST = "@inputs";

  private RepositoryPaths() {}

  /** The input names a manifest's bytes list. */
  public static java.util.Set<String> inputNames(byte[] manifest) {
    java.util.Set<String> names = new java.util.TreeSet<>();
    for (String line : new String(manifest, java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
      int space = line.indexOf(' ');
      if (space > 0) {
        names.add(line.substring(0, space));
      }
    }
    return java.util.Collections.unmodifiableSet(names);
  }

  /**
   * The path an import {@code name/rest} of a mounted input means, {@code @name/modules/rest};
   * empty when the first segment of {@code written} names no input in {@code inputs} (then it is
   * an ordinary relative import).
   */
  public static Optional<String> inputImport(String written, java.util.Set<String> inputs) {
    int slash = written.indexOf('/');
    if (slash <= 0 || inputs.isEmpty() || !inputs.contains(written.substring(0, slash))) {
      return Optional.empty();
    }
    String name = written.substring(0, slash);
    return resolve(INPUT_PREFIX + name + "/modules/(importer)", written.substring(slash + 1));
  }

  /**
   * Resolves {@code written}, found in the file {@code fromFile} (repository-relative), to a
   * normalised repository-relative path; empty when it is absolute or climbs out of the
   * repository. A path written in an input's file ({@code @name/…}) stays inside that input, and
   * a path written in the repository's own files never reaches an input's (they import it by name).
   */
  public static Optional<String> resolve(String fromFile, String written) {
    if (written.isEmpty() || written.startsWith("/") || written.indexOf('\0') >= 0) {
      return Optional.empty();
    }
    int slash = fromFile.lastIndexOf('/');
    String base = slash < 0 ? "" : fromFile.substring(0, slash);
    Deque<String> parts = new ArrayDeque<>();
    for (String seg : (base.isEmpty() ? written : base + "/" + written).split("/")) {
      if (seg.isEmpty() || seg.equals(".")) {
        continue;
      }
      if (seg.equals("..")) {
        if (parts.isEmpty()) {
          return Optional.empty();
        }
        parts.removeLast();
      } else {
        parts.addLast(seg);
      }
    }
    if (parts.isEmpty()) {
      return Optional.empty();
    }
    boolean fromInput = fromFile.startsWith(INPUT_PREFIX) && slash > 0;
    String scope = fromInput ? fromFile.substring(0, fromFile.indexOf('/')) : "";
    if (fromInput ? !parts.peekFirst().equals(scope) || parts.size() < 2 : parts.peekFirst().startsWith(INPUT_PREFIX)) {
      return Optional.empty();
    }
    return Optional.of(String.join("/", parts));
  }
}
