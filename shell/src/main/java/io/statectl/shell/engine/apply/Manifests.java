package io.statectl.shell.engine.apply;

import io.statectl.kernel.generation.ActivationManifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/** Reads generation manifests from the store. */
public final class Manifests {
  private Manifests() {}

  /** The manifest of the generation at {@code storePath}; empty when it is no longer in the store. */
  public static Optional<ActivationManifest> read(String storePath) {
    Path file = Path.of(storePath).resolve(ActivationManifest.FILE_NAME);
    try {
      return Optional.of(ActivationManifest.fromJson(Files.readAllBytes(file)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
