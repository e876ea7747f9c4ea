package io.statectl.kernel.store;

import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What the store knows about a valid path: its content hash and size, the paths it references,
 * how and when it came to be. Immutable; collections are copied.
 *
 * @param path the store path described
 * @param narHash SHA-256 of the NAR serialisation of the path's contents
 * @param narSize byte length of that serialisation
 * @param references store paths mentioned in the contents (may include {@code path} itself)
 * @param deriver the derivation that built it, if any
 * @param registrationTime when it was registered
 * @param signatures signatures over the path's fingerprint, {@code <key name>:<base64>}
 * @param ca content-address assertion, e.g. {@code fixed:r:sha256:<base32>}, if
 *     content-addressed
 */
public record PathInfo(
    StorePath path,
    Hash narHash,
    long narSize,
    SortedSet<StorePath> references,
    Optional<StorePath> deriver,
    Instant registrationTime,
    List<String> signatures,
    Optional<String> ca) {

  public PathInfo {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(narHash, "narHash");
    Objects.requireNonNull(deriver, "deriver");
    Objects.requireNonNull(registrationTime, "registrationTime");
    Objects.requireNonNull(ca, "ca");
    if (narSize < 0) {
      throw new IllegalArgumentException("narSize of " + path + " is negative: " + narSize);
    }
    references = Collections.unmodifiableSortedSet(new TreeSet<>(references));
    signatures = List.copyOf(signatures);
    for (String signature : signatures) {
      if (signature.isBlank()) {
        throw new IllegalArgumentException("blank signature on " + path);
      }
    }
    ca.ifPresent(
        value -> {
          if (value.isBlank()) {
            throw new IllegalArgumentException("blank content address on " + path);
          }
        });
  }

  /**
   * Returns info with no deriver, signatures or content address; add them with the {@code with}
   * methods.
   */
  public static PathInfo of(
      StorePath path,
      NarDigest nar,
      Collection<StorePath> references,
      Instant registrationTime) {
    return new PathInfo(
        path,
        nar.narHash(),
        nar.narSize(),
        new TreeSet<>(references),
        Optional.empty(),
        registrationTime,
        List.of(),
        Optional.empty());
  }

  /** Returns a copy with {@code deriver} as deriver. */
  public PathInfo withDeriver(StorePath deriver) {
    return new PathInfo(
        path, narHash, narSize, references, Optional.of(deriver), registrationTime, signatures,
        ca);
  }

  /** Returns a copy with {@code signatures} replacing the current ones. */
  public PathInfo withSignatures(List<String> signatures) {
    return new PathInfo(
        path, narHash, narSize, references, deriver, registrationTime, signatures, ca);
  }

  /** Returns a copy with the content address {@code ca}. */
  public PathInfo withCa(String ca) {
    return new PathInfo(
        path, narHash, narSize, references, deriver, registrationTime, signatures,
        Optional.of(ca));
  }

  /** Returns the NAR hash and size together. */
  public NarDigest nar() {
    return new NarDigest(narHash, narSize);
  }
}
