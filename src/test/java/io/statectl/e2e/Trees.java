package io.statectl.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Byte-exact pictures of directory trees, to prove that a command changed nothing. */
final class Trees {
  private Trees() {}

  /**
   * Every entry under {@code root}: type, permissions, and content (file bytes as hex, link
   * target); an absent root is an empty map.
   */
  /**
   * The file {@code absolute} names as a process chrooted into {@code root} sees it: every link on
   * the way is followed inside the root (an absolute target starts again at the root).
   */
  static Path inRoot(Path root, String absolute) throws java.io.IOException {
    java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>(java.util.List.of(absolute.split("/")));
    Path at = root;
    for (int hops = 0; !todo.isEmpty(); ) {
      String part = todo.pop();
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        at = at.equals(root) ? root : at.getParent();
        continue;
      }
      Path next = at.resolve(part);
      if (Files.isSymbolicLink(next)) {
        if (++hops > 40) {
          throw new java.io.IOException("too many links resolving " + absolute + " in " + root);
        }
        String target = Files.readSymbolicLink(next).toString();
        java.util.List<String> parts = new java.util.ArrayList<>(java.util.List.of(target.split("/")));
        java.util.Collections.reverse(parts);
        parts.forEach(todo::push);
        if (target.startsWith("/")) {
          at = root;
        }
      } else {
        at = next;
      }
    }
    return at;
  }

  static Map<String, String> picture(Path root) {
    Map<String, String> m = new TreeMap<>();
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return m;
    }
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        String rel = root.relativize(p).toString();
        if (rel.equals("server") || rel.startsWith("server/") || rel.equals("server.log")) {
          continue; // the resident server's socket, pid and log: not state (see client's ServerFiles)
        }
        if (Files.isSymbolicLink(p)) {
          m.put(rel, "link " + Files.readSymbolicLink(p));
        } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          m.put(rel, "dir " + PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS)));
        } else {
          m.put(rel, "file " + PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS))
              + " " + HexFormat.of().formatHex(Files.readAllBytes(p)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return m;
  }

  /** What a user sees through the home: each path and the bytes it reads as (links followed). */
  static Map<String, String> content(Path home) {
    Map<String, String> m = new TreeMap<>();
    try (Stream<Path> s = Files.walk(home)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        if (Files.isRegularFile(p)) {
          m.put(home.relativize(p).toString(), (Files.isExecutable(p) ? "x " : "- ")
              + new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets.UTF_8));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return m;
  }

  static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies a directory tree (for making a private, editable copy of an example). */
  static void copy(Path from, Path to) {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
