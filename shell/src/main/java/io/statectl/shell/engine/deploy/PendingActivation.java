package io.statectl.shell.engine.deploy;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * A deployed activation waiting for its confirmation, on the node: {@code <state>/deploy/<token>/}.
 * {@code pending} says what to go back to and until when; {@code decision} is created exactly once
 * ({@code CREATE_NEW}), by the confirmation ({@code confirmed}) or by the watcher at the deadline
 * ({@code reverted}), so the two can never both win; {@code reverted} lists what the watcher put
 * back once it is done.
 */
final class PendingActivation {
  enum Decision { CONFIRMED, REVERTED }

  private final Path dir;

  private PendingActivation(Path dir) {
    this.dir = dir;
  }

  static PendingActivation of(Path stateRoot, String token) {
    if (!token.matches("[A-Za-z0-9-]{8,64}")) {
      throw DeployException.tokenUnknown(token, "not a token this statectl makes");
    }
    return new PendingActivation(stateRoot.resolve("deploy").resolve(token));
  }

  Path dir() {
    return dir;
  }

  boolean exists() {
    return Files.isRegularFile(dir.resolve("pending"));
  }

  /** Writes what the watcher needs: the deadline, and per profile the generation to go back to, home and root. */
  void create(long deadlineMillis, String timeout, Map<String, Integer> previous, Path home, Optional<Path> root) {
    Properties p = new Properties();
    p.setProperty("deadline", Long.toString(deadlineMillis));
    p.setProperty("timeout", timeout);
    p.setProperty("home", home.toString());
    root.ifPresent(r -> p.setProperty("root", r.toString()));
    p.setProperty("profiles", String.join(",", previous.keySet()));
    previous.forEach((k, v) -> p.setProperty("previous." + k, Integer.toString(v)));
    try {
      Files.createDirectories(dir);
      write("pending", p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dir.resolve("pending"), e);
    }
  }

  Properties pending() {
    return read("pending").orElseThrow(() -> DeployException.tokenUnknown(dir.getFileName().toString(),
        "this node has no pending activation of that token"));
  }

  long deadline() {
    return Long.parseLong(pending().getProperty("deadline"));
  }

  /** Per profile, the generation active before the deploy (0: none). */
  Map<String, Integer> previous() {
    Properties p = pending();
    Map<String, Integer> m = new LinkedHashMap<>();
    for (String profile : p.getProperty("profiles", "").split(",")) {
      if (!profile.isEmpty()) {
        m.put(profile, Integer.parseInt(p.getProperty("previous." + profile, "0")));
      }
    }
    return m;
  }

  /** Takes the one decision; empty when the other side took it first (then {@link #decision} says which). */
  Optional<Decision> decide(Decision d) {
    try {
      Files.writeString(dir.resolve("decision"), d.name().toLowerCase(java.util.Locale.ROOT) + "\n",
          StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      return Optional.of(d);
    } catch (FileAlreadyExistsException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dir.resolve("decision"), e);
    }
  }

  Optional<Decision> decision() {
    try {
      String s = Files.readString(dir.resolve("decision"), StandardCharsets.UTF_8).strip();
      return s.isEmpty() ? Optional.empty() : Optional.of(Decision.valueOf(s.toUpperCase(java.util.Locale.ROOT)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir.resolve("decision"), e);
    }
  }

  /** Records, once the revert is done, which generation each profile went back from and to. */
  void reverted(Map<String, int[]> fromTo) {
    Properties p = new Properties();
    fromTo.forEach((k, v) -> p.setProperty(k, v[0] + " " + v[1]));
    try {
      write("reverted", p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dir.resolve("reverted"), e);
    }
  }

  Optional<Properties> revertedDone() {
    return read("reverted");
  }

  private void write(String name, Properties p) throws IOException {
    StringWriter w = new StringWriter();
    p.store(w, null);
    Path temp = dir.resolve("." + name + ".tmp");
    Files.writeString(temp, w.toString(), StandardCharsets.UTF_8);
    Files.move(temp, dir.resolve(name), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  private Optional<Properties> read(String name) {
    try {
      Properties p = new Properties();
      p.load(new StringReader(Files.readString(dir.resolve(name), StandardCharsets.UTF_8)));
      return Optional.of(p);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir.resolve(name), e);
    }
  }
}
