package io.statectl.kernel.generation;

import io.statectl.kernel.store.StorePath;
import java.util.Objects;

/** A generation tree in the store with its manifest. */
public record BuiltGeneration(StorePath path, ActivationManifest manifest) {
  public BuiltGeneration {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(manifest, "manifest");
  }
}
