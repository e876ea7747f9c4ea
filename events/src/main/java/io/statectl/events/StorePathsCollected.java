package io.statectl.events;

import java.util.List;
import java.util.Objects;
import org.axonframework.serialization.Revision;

/**
 * The garbage collector removed store paths that no root reached.
 *
 * @param paths the removed store paths, sorted
 * @param bytes their total size on disk (NAR sizes)
 */
@Revision("1")
public record StorePathsCollected(String profile, List<String> paths, long bytes) implements StatectlEvent {
  public StorePathsCollected {
    Objects.requireNonNull(profile, "profile");
    paths = List.copyOf(paths);
    if (bytes < 0) {
      throw new IllegalArgumentException("negative size " + bytes);
    }
  }
}
