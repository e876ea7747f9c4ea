package io.statectl.kernel.cache;

import io.statectl.kernel.store.Hash;
import io.statectl.kernel.store.InvalidHashException;
import io.statectl.kernel.store.InvalidStorePathException;
import io.statectl.kernel.store.StorePath;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A {@code <hash>.narinfo}: what a binary cache knows about one store path, in Nix's {@code Key:
 * value} text. References and the deriver are base names; {@code StorePath} is absolute.
 *
 * @param storeDir the store directory {@code StorePath:} is in
 * @param path the path described
 * @param url where its NAR is, relative to the cache root
 * @param compression how that file is compressed
 * @param fileHash SHA-256 of that file, if given
 * @param fileSize its length, if given
 * @param narHash SHA-256 of the uncompressed NAR
 * @param narSize its length
 * @param references the paths it references
 * @param deriver the derivation that built it, if known
 * @param signatures the {@code Sig:} lines
 * @param ca its content address, if any
 */
public record NarInfo(String storeDir, StorePath path, String url, Compression compression, Optional<Hash> fileHash,
    OptionalLong fileSize, Hash narHash, long narSize, SortedSet<StorePath> references, Optional<StorePath> deriver,
    List<Signature> signatures, Optional<String> ca) {

  public NarInfo {
    Objects.requireNonNull(storeDir, "storeDir");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(compression, "compression");
    Objects.requireNonNull(narHash, "narHash");
    if (narSize < 0) {
      throw new IllegalArgumentException("negative NarSize");
    }
    references = Collections.unmodifiableSortedSet(new TreeSet<>(references));
    signatures = List.copyOf(signatures);
  }

  /** The file name of a path's narinfo in a cache: {@code <hash part>.narinfo}. */
  public static String fileName(StorePath path) {
    return path.hash() + ".narinfo";
  }

  /** Returns the string that signatures sign. */
  public String fingerprint() {
    return Fingerprint.of(storeDir, path, narHash, narSize, references);
  }

  /** Returns a copy with {@code signature} added. */
  public NarInfo withSignature(Signature signature) {
    List<Signature> sigs = new ArrayList<>(signatures);
    sigs.add(signature);
    return new NarInfo(storeDir, path, url, compression, fileHash, fileSize, narHash, narSize, references, deriver,
        sigs, ca);
  }

  /** Returns the narinfo text, keys in Nix's order. */
  public String render() {
    StringBuilder b = new StringBuilder();
    b.append("StorePath: ").append(storeDir).append('/').append(path).append('\n');
    b.append("URL: ").append(url).append('\n');
    b.append("Compression: ").append(compression.keyword()).append('\n');
    fileHash.ifPresent(h -> b.append("FileHash: ").append(h).append('\n'));
    fileSize.ifPresent(s -> b.append("FileSize: ").append(s).append('\n'));
    b.append("NarHash: ").append(narHash).append('\n');
    b.append("NarSize: ").append(narSize).append('\n');
    // "References: " keeps its space when empty: Nix reads a value from two characters after the colon.
    b.append("References: ").append(String.join(" ", references.stream().map(StorePath::toString).toList())).append('\n');
    deriver.ifPresent(d -> b.append("Deriver: ").append(d).append('\n'));
    signatures.forEach(s -> b.append("Sig: ").append(s.render()).append('\n'));
    ca.ifPresent(c -> b.append("CA: ").append(c).append('\n'));
    return b.toString();
  }

  /**
   * Parses a narinfo that must describe a path in {@code storeDir}.
   *
   * @param source where it came from, for errors ({@code <cache url>/<hash>.narinfo})
   * @throws InvalidNarInfoException naming the line if a field is missing or malformed, or
   *     {@code StorePath} is not in {@code storeDir}
   */
  public static NarInfo parse(String text, String storeDir, String source) {
    StorePath path = null;
    String url = null;
    Compression compression = null;
    Hash fileHash = null;
    Long fileSize = null;
    Hash narHash = null;
    Long narSize = null;
    SortedSet<StorePath> refs = new TreeSet<>();
    StorePath deriver = null;
    List<Signature> sigs = new ArrayList<>();
    String ca = null;
    int lineNo = 0;
    for (String line : text.split("\n", -1)) {
      lineNo++;
      if (line.isEmpty()) {
        continue;
      }
      String at = source + ":" + lineNo;
      int colon = line.indexOf(": ");
      String key = colon < 0 ? line.replaceAll(":$", "") : line.substring(0, colon);
      String value = colon < 0 ? "" : line.substring(colon + 2);
      try {
        switch (key) {
          case "StorePath" -> {
            String prefix = storeDir + "/";
            if (!value.startsWith(prefix) || value.indexOf('/', prefix.length()) >= 0) {
              throw new InvalidNarInfoException(at, "StorePath " + value + " is not in this store directory " + storeDir);
            }
            path = StorePath.parse(value.substring(prefix.length()));
          }
          case "URL" -> {
            if (value.isEmpty() || value.startsWith("/") || value.contains("..")) {
              throw new InvalidNarInfoException(at, "URL '" + value + "' is not a relative path inside the cache");
            }
            url = value;
          }
          case "Compression" -> compression = Compression.byKeyword(value).orElseThrow(() ->
              new InvalidNarInfoException(at, "Compression '" + value + "' is not one of none, xz, zstd"));
          case "FileHash" -> fileHash = Hash.parse(value);
          case "FileSize" -> fileSize = Long.parseLong(value);
          case "NarHash" -> narHash = Hash.parse(value);
          case "NarSize" -> narSize = Long.parseLong(value);
          case "References" -> {
            for (String r : value.strip().split(" ")) {
              if (!r.isEmpty()) {
                refs.add(StorePath.parse(r));
              }
            }
          }
          case "Deriver" -> {
            if (!value.isEmpty() && !value.equals("unknown-deriver")) {
              deriver = StorePath.parse(value);
            }
          }
          case "Sig" -> sigs.add(Signature.parse(value));
          case "CA" -> ca = value.isEmpty() ? null : value;
          default -> { } // System, and keys of newer Nix: ignored, as Nix does
        }
      } catch (InvalidHashException | InvalidStorePathException | IllegalArgumentException e) {
        throw new InvalidNarInfoException(at, key + ": " + e.getMessage());
      }
    }
    String missing = path == null ? "StorePath" : url == null ? "URL" : narHash == null ? "NarHash"
        : narSize == null ? "NarSize" : null;
    if (missing != null) {
      throw new InvalidNarInfoException(source, "no " + missing + " line");
    }
    if (compression == null) {
      // Nix's default when the line is absent is bzip2, which statectl does not read.
      throw new InvalidNarInfoException(source, "no Compression line (Nix then means bzip2, which statectl does not read)");
    }
    return new NarInfo(storeDir, path, url, compression, Optional.ofNullable(fileHash),
        fileSize == null ? OptionalLong.empty() : OptionalLong.of(fileSize), narHash, narSize, refs,
        Optional.ofNullable(deriver), sigs, Optional.ofNullable(ca));
  }
}
