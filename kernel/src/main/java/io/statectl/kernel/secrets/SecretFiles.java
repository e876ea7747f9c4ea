package io.statectl.kernel.secrets;

import io.statectl.api.DurableFiles;

import io.statectl.kernel.ErrorCode;
import io.statectl.kernel.secrets.age.Age;
import io.statectl.kernel.secrets.age.AgeException;
import io.statectl.kernel.secrets.age.ArmorChoice;
import io.statectl.kernel.secrets.age.Identity;
import io.statectl.kernel.secrets.age.Recipient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The .age files of a configuration repository, for {@code secrets rekey} and {@code secrets
 * edit}: re-encrypting to the declared recipients, all or nothing. Files keep their form
 * (armored stays armored). Plaintext only in memory.
 */
public final class SecretFiles {
  private final Path repository;
  private final List<Identity> identities;

  public SecretFiles(Path repository, List<Identity> identities) {
    this.repository = repository;
    this.identities = List.copyOf(identities);
  }

  /**
   * Re-encrypts every given secret to its declared recipients. Every file is decrypted and
   * re-encrypted in memory first; if one cannot be opened, none is rewritten. Returns the names rewritten.
   */
  public List<String> rekey(List<SecretDeclaration> secrets) {
    Map<SecretDeclaration, byte[]> rewritten = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    ErrorCode code = ErrorCode.SECRET_NOT_FOR_HOST;
    for (SecretDeclaration s : secrets) {
      Path file = repository.resolve(s.file());
      byte[] plain = null;
      try {
        byte[] old = Files.readAllBytes(file);
        plain = Age.decrypt(old, identities);
        rewritten.put(s, Age.encrypt(plain, recipients(s), armorOf(old)));
      } catch (NoSuchFileException e) {
        problems.add("secret " + s.name() + ": " + s.file() + " does not exist");
        code = ErrorCode.SECRET_DAMAGED;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (AgeException e) {
        problems.add("secret " + s.name() + ": " + e.in(s.file()).getMessage());
        if (e.failure() != AgeException.Failure.NO_MATCH) {
          code = ErrorCode.SECRET_DAMAGED;
        }
      } finally {
        if (plain != null) {
          Arrays.fill(plain, (byte) 0);
        }
      }
    }
    if (!problems.isEmpty()) {
      problems.add("rekey rewrote no file: run it with an identity that opens every secret (--identity FILE)");
      throw new SecretUnavailableException(problems, code);
    }
    for (Map.Entry<SecretDeclaration, byte[]> e : rewritten.entrySet()) {
      replace(repository.resolve(e.getKey().file()), e.getValue());
    }
    return rewritten.keySet().stream().map(SecretDeclaration::name).toList();
  }

  /** The plaintext of a secret, or empty when its file does not exist yet. */
  public Optional<byte[]> open(SecretDeclaration s) {
    Path file = repository.resolve(s.file());
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Age.decrypt(Files.readAllBytes(file), identities));
    } catch (AgeException e) {
      throw e.in(s.file());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Encrypts new plaintext to the declared recipients and replaces the file (temp name, rename). */
  public void write(SecretDeclaration s, byte[] plaintext) {
    Path file = repository.resolve(s.file());
    ArmorChoice armor = ArmorChoice.ARMORED;
    try {
      if (Files.exists(file)) {
        armor = armorOf(Files.readAllBytes(file));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    replace(file, Age.encrypt(plaintext, recipients(s), armor));
  }

  private static List<Recipient> recipients(SecretDeclaration s) {
    return s.recipients().stream().map(Recipient::parse).toList();
  }

  private static ArmorChoice armorOf(byte[] file) {
    return file.length > 0 && file[0] == '-' ? ArmorChoice.ARMORED : ArmorChoice.BINARY;
  }

  private static void replace(Path file, byte[] bytes) {
    try {
      DurableFiles.replace(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
