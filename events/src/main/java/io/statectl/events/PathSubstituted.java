package io.statectl.events;

import java.util.Objects;
import org.axonframework.serialization.Revision;

/**
 * A store path became valid from a binary cache instead of a build, after its signature, NarHash
 * and NarSize were checked.
 *
 * @param profile the aggregate: {@code substitute:<path base name>}
 * @param path absolute store path registered
 * @param from the substituter's URL
 * @param signedBy the name of the trusted key whose signature was accepted; empty when signatures were not required
 * @param narHash the checked NAR hash, {@code sha256:<nix-base32>}
 * @param narSize the NAR's size in bytes
 * @param downloadedBytes bytes transferred (compressed)
 */
@Revision("1")
public record PathSubstituted(String profile, String path, String from, String signedBy, String narHash, long narSize,
    long downloadedBytes) implements StatectlEvent {
  public PathSubstituted {
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(signedBy, "signedBy");
    Objects.requireNonNull(narHash, "narHash");
  }
}
