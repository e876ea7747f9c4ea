package io.statectl.events;

import java.util.Objects;
import org.axonframework.serialization.Revision;

/**
 * A file that statectl did not own stood where a managed file goes; with {@code --backup} its
 * content was saved into the store before it was replaced.
 *
 * @param livePath absolute path of the file that was replaced
 * @param storePath store path holding its former content
 * @param permissions its POSIX permission bits, e.g. {@code "rw-r--r--"} (schema 1 called this
 *     {@code mode}; {@link io.statectl.events.upcast.FileBackedUpV1ToV2} renames it)
 */
@Revision("2")
public record FileBackedUp(String profile, String livePath, String storePath, String permissions)
    implements StatectlEvent {
  public FileBackedUp {
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(livePath, "livePath");
    Objects.requireNonNull(storePath, "storePath");
    Objects.requireNonNull(permissions, "permissions");
  }
}
