package io.statectl.kernel.secrets;

import io.statectl.api.SourceLocation;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One declared secret ({@code secrets.<name>}): which encrypted file of the repository, where its
 * plaintext goes at activation, with which owner, group and mode, and to whom it is encrypted.
 * Holds no plaintext, ever.
 *
 * @param file the .age file, relative to the repository root
 * @param path absolute target of the plaintext
 * @param mode octal permission bits, e.g. 0400
 * @param recipients the public keys it must be encrypted to ({@code age1…} or {@code ssh-ed25519 …})
 */
public record SecretDeclaration(String name, String file, String path, Optional<String> owner,
    Optional<String> group, int mode, List<String> recipients, SourceLocation definedAt) {
  public static final String RUNTIME_DIR = "/run/statectl/secrets";
  /**
   * A home's secrets: this directory under the user's runtime directory ({@code $XDG_RUNTIME_DIR},
   * a per-user tmpfs), so their declared path is relative to that directory, not to {@code /}.
   */
  public static final String HOME_RUNTIME_DIR = "/statectl/secrets";

  public SecretDeclaration {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(definedAt, "definedAt");
    recipients = List.copyOf(recipients);
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("secret path must be absolute: " + path);
    }
    if (mode < 0 || mode > 07777) {
      throw new IllegalArgumentException("not a mode: " + mode);
    }
  }

  /** The mode as four octal digits, e.g. {@code 0400}. */
  public String modeText() {
    return String.format("%04o", mode);
  }

  /** How {@code eval} and messages show a secret: never its content. */
  public String describe() {
    return "<secret " + name + ": " + file + ", " + recipients.size() + " recipient"
        + (recipients.size() == 1 ? "" : "s") + ">";
  }
}
