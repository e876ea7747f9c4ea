package io.statectl.kernel.packages;

import io.statectl.api.SourceLocation;
import io.statectl.kernel.store.Hash;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One evaluated {@code packages.<name>} table.
 *
 * @param name the attribute name, which other packages use in {@code buildInputs}
 * @param version the version, part of the store path name when not empty
 * @param src where the source comes from, if anywhere
 * @param patches repository paths of the patches, applied in this order with {@code patch -p1}
 * @param buildInputs names of packages whose outputs the build uses ({@code bin/} on its PATH)
 * @param build the shell script that builds into {@code $out}, run in the unpacked source
 * @param platforms platform ids it builds on; empty means every platform
 * @param location where the package is defined, for messages
 */
public record PackageSpec(String name, String version, Optional<Source> src, List<String> patches,
    List<String> buildInputs, String build, List<String> platforms, SourceLocation location) {

  public PackageSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(src, "src");
    Objects.requireNonNull(build, "build");
    Objects.requireNonNull(location, "location");
    patches = List.copyOf(patches);
    buildInputs = List.copyOf(buildInputs);
    platforms = List.copyOf(platforms);
  }

  /** The store path name of the package's output: {@code <name>-<version>}, or the name alone. */
  public String storeName() {
    return version.isEmpty() ? name : name + "-" + version;
  }

  /** Where a package's source comes from. A closed family. */
  public sealed interface Source {}

  /** A file or directory of the configuration repository, by repository-relative path. */
  public record Local(String path, SourceLocation location) implements Source {}

  /** A download, fixed by its SHA-256. */
  public record Url(String url, Hash sha256) implements Source {}
}
