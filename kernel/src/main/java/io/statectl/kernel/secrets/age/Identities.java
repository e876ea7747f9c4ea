package io.statectl.kernel.secrets.age;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads identity files: an OpenSSH ed25519 private key, or an age identity file (one
 * {@code AGE-SECRET-KEY-1…} per line, {@code #} comments), as {@code age -i} accepts them.
 */
public final class Identities {
  private Identities() {}

  /**
   * The identities in a file.
   *
   * @throws AgeKeyException when the file is missing, unreadable or holds no valid identity
   */
  public static List<Identity> read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new AgeKeyException(file.toString(), "identity file " + file + " does not exist: "
          + "create the host key (ssh-keygen -t ed25519 -N '' -f " + file + ") or set secrets.identity");
    } catch (IOException e) {
      throw new AgeKeyException(file.toString(), "cannot read identity file " + file + ": "
          + e.getMessage() + " (run as a user who may read it, e.g. root for a host key)");
    }
    try {
      return parse(text);
    } catch (IllegalArgumentException e) {
      throw new AgeKeyException(file.toString(), "identity file " + file + ": " + e.getMessage());
    }
  }

  /**
   * The identities in a text.
   *
   * @throws IllegalArgumentException saying which line is wrong (never echoing it)
   */
  public static List<Identity> parse(String text) {
    if (SshEd25519Identity.looksLikeOne(text)) {
      return List.of(SshEd25519Identity.parse(text));
    }
    List<Identity> out = new ArrayList<>();
    String[] lines = text.split("\r?\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      try {
        out.add(X25519Identity.parse(line));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("line " + (i + 1) + ": " + e.getMessage());
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("no identity in it (expected AGE-SECRET-KEY-1… lines or an OpenSSH ed25519 private key)");
    }
    return List.copyOf(out);
  }
}
