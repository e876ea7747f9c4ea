package io.statectl.kernel.diff;

import io.statectl.kernel.generation.ActivationManifest;
import io.statectl.kernel.generation.ManifestEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The difference between two generation trees: managed files added, removed, changed (with a
 * unified diff for small text files) or changed in mode; links (such as the user profile) by
 * their target, settings by their state and commands. Reads the two trees only.
 */
public final class GenerationDiff {
  /** Files larger than this are compared but not diffed line by line. */
  public static final int MAX_TEXT_BYTES = 64 * 1024;

  private GenerationDiff() {}

  public static List<FileChange> files(Path genA, ActivationManifest a, Path genB, ActivationManifest b) {
    Map<String, ManifestEntry> before = byTarget(a);
    Map<String, ManifestEntry> after = byTarget(b);
    TreeSet<String> targets = new TreeSet<>(before.keySet());
    targets.addAll(after.keySet());
    List<FileChange> changes = new ArrayList<>();
    for (String t : targets) {
      ManifestEntry x = before.get(t);
      ManifestEntry y = after.get(t);
      if (x == null) {
        changes.add(new FileChange("added", t, "", y.mode(), text(read(genB, y))
            .map(s -> UnifiedDiff.diff("/dev/null", "", "b/" + t, s)).orElse("")));
      } else if (y == null) {
        changes.add(new FileChange("removed", t, x.mode(), "", text(read(genA, x))
            .map(s -> UnifiedDiff.diff("a/" + t, s, "/dev/null", "")).orElse("")));
      } else {
        byte[] bx = read(genA, x);
        byte[] by = read(genB, y);
        if (!Arrays.equals(bx, by)) {
          Optional<String> tx = text(bx);
          Optional<String> ty = text(by);
          String diff = tx.isPresent() && ty.isPresent() ? UnifiedDiff.diff("a/" + t, tx.get(), "b/" + t, ty.get()) : "";
          changes.add(new FileChange("changed", t, x.mode(), y.mode(), diff));
        } else if (!x.mode().equals(y.mode())) {
          changes.add(new FileChange("mode", t, x.mode(), y.mode(), ""));
        }
      }
    }
    return List.copyOf(changes);
  }

  private static Map<String, ManifestEntry> byTarget(ActivationManifest m) {
    Map<String, ManifestEntry> out = new TreeMap<>();
    m.entries().forEach(e -> out.put(label(e), e));
    return out;
  }

  /** How an entry is named in a diff: home files by their path, the other kinds marked. */
  private static String label(ManifestEntry e) {
    if (ManifestEntry.ROOT_FILE.equals(e.kind())) {
      return "<root>/" + e.target();
    } else if (ManifestEntry.SETTING.equals(e.kind())) {
      return "setting " + e.target();
    } else if (ManifestEntry.HOME_DIRECTORY.equals(e.kind())) {
      return e.target() + "/";
    }
    return e.target();
  }

  /** A file's bytes; a link's target; a setting's state and commands. */
  static byte[] read(Path generation, ManifestEntry e) {
    if (e.source().isEmpty()) {
      String what = ManifestEntry.SETTING.equals(e.kind())
          ? "state " + e.state() + "\napply " + e.apply() + "\nrevert " + e.revert() + "\n" : "";
      return what.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
    Path file = generation.resolve(e.source());
    try {
      if (Files.isSymbolicLink(file)) {
        return ("-> " + Files.readSymbolicLink(file) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
      }
      return Files.readAllBytes(file);
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot read " + generation.resolve(e.source()), ex);
    }
  }

  /** The bytes as text when they are small, valid UTF-8 without NUL, and not too many lines. */
  static Optional<String> text(byte[] bytes) {
    if (bytes.length > MAX_TEXT_BYTES) {
      return Optional.empty();
    }
    for (byte c : bytes) {
      if (c == 0) {
        return Optional.empty();
      }
    }
    try {
      String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
      return s.chars().filter(ch -> ch == '\n').count() > UnifiedDiff.MAX_LINES ? Optional.empty() : Optional.of(s);
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }
}
