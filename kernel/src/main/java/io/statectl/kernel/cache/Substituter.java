package io.statectl.kernel.cache;

import io.statectl.kernel.store.DigestingOutputStream;
import io.statectl.kernel.store.NarDigest;
import io.statectl.kernel.store.StorePath;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One binary cache used as a source of store paths, with the checks that decide whether what it
 * serves may enter the store: its {@code StoreDir} must be ours, a narinfo must describe the path
 * asked for, carry a signature by a trusted key (when signatures are required), and the NAR must
 * match its FileHash, FileSize, NarHash and NarSize. Thread-safe.
 */
public final class Substituter {
  /** Whether unsigned substitutes are refused. */
  public enum Signatures { REQUIRED, OPTIONAL }

  private final BinaryCache cache;
  private final String storeDir;
  private final List<TrustedKey> trusted;
  private final Signatures policy;
  private volatile NixCacheInfo info;

  public Substituter(BinaryCache cache, String storeDir, List<TrustedKey> trusted, Signatures policy) {
    this.cache = cache;
    this.storeDir = storeDir;
    this.trusted = List.copyOf(trusted);
    this.policy = policy;
  }

  public String url() {
    return cache.url();
  }

  /**
   * Returns the cache's {@code nix-cache-info}, read once.
   *
   * @throws InvalidNarInfoException if it is missing, or for another store directory (both named)
   */
  public NixCacheInfo info() {
    NixCacheInfo i = info;
    if (i == null) {
      String source = cache.url() + "/" + NixCacheInfo.FILE;
      i = NixCacheInfo.parse(CachePush.read(cache.open(NixCacheInfo.FILE).orElseThrow(() ->
          new InvalidNarInfoException(source, "the cache has no nix-cache-info, so it is not a binary cache"))), source);
      if (!i.storeDir().equals(storeDir)) {
        throw new InvalidNarInfoException(source, "the cache is for the store directory " + i.storeDir()
            + ", this store is " + storeDir + "; its paths cannot be used here");
      }
      info = i;
    }
    return i;
  }

  /**
   * Asks for {@code path}'s narinfo; empty if the cache does not have it.
   *
   * @throws InvalidNarInfoException if the narinfo is malformed or describes another path
   */
  public Optional<NarInfo> query(StorePath path) {
    info();
    String file = NarInfo.fileName(path);
    Optional<InputStream> in = cache.open(file);
    if (in.isEmpty()) {
      return Optional.empty();
    }
    NarInfo narInfo = NarInfo.parse(CachePush.read(in.get()), storeDir, cache.url() + "/" + file);
    if (!narInfo.path().equals(path)) {
      throw new InvalidNarInfoException(cache.url() + "/" + file, "asked for " + storeDir + "/" + path + " but its StorePath is "
          + storeDir + "/" + narInfo.path());
    }
    return Optional.of(narInfo);
  }

  /**
   * Returns the name of the trusted key whose signature {@code narInfo} carries; empty when
   * signatures are optional and none is trusted.
   *
   * @throws SubstitutionRefusedException if signatures are required and none is by a trusted key
   */
  public Optional<String> checkSignature(NarInfo narInfo) {
    byte[] fingerprint = narInfo.fingerprint().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    for (Signature sig : narInfo.signatures()) {
      for (TrustedKey key : trusted) {
        if (key.name().equals(sig.keyName()) && key.verify(sig.bytes(), fingerprint)) {
          return Optional.of(key.name());
        }
      }
    }
    if (policy == Signatures.OPTIONAL) {
      return Optional.empty();
    }
    String why = narInfo.signatures().isEmpty() ? "it has no signature"
        : "no signature by a trusted key (signed by " + narInfo.signatures().stream().map(Signature::keyName).toList()
            + ", trusted: " + trusted.stream().map(TrustedKey::name).toList() + ")";
    throw new SubstitutionRefusedException(narInfo.path(), cache.url(), SubstitutionRefusedException.Reason.UNTRUSTED, why);
  }

  /**
   * Downloads, decompresses and unpacks {@code narInfo}'s NAR to {@code target} while streaming,
   * then checks FileHash, FileSize, NarHash and NarSize; on any failure {@code target} is gone.
   *
   * @throws SubstitutionRefusedException on a mismatch
   * @throws InvalidNarException if the archive is malformed or unsafe
   * @throws CacheIoException if the download fails
   */
  public void fetch(NarInfo narInfo, Path target, Consumer progress) {
    InputStream raw = cache.open(narInfo.url()).orElseThrow(() -> new CacheIoException(cache.url() + "/" + narInfo.url(),
        "download", "the narinfo of " + narInfo.path() + " names a NAR the cache does not have", null));
    DigestingOutputStream file = new DigestingOutputStream();
    NarDigest nar;
    try (InputStream counted = new Counting(raw, file, progress); InputStream plain = narInfo.compression().decompress(counted)) {
      nar = NarUnpacker.unpack(plain, target, storeDir, narInfo.narSize());
      counted.transferTo(java.io.OutputStream.nullOutputStream()); // a compressor's trailer is part of FileHash
    } catch (InvalidNarException e) {
      throw new SubstitutionRefusedException(narInfo.path(), cache.url(), SubstitutionRefusedException.Reason.UNSAFE_ARCHIVE,
          e.getMessage());
    } catch (IOException e) {
      throw new CacheIoException(cache.url() + "/" + narInfo.url(), "download", e.toString(), e);
    }
    NarDigest fileDigest = file.result();
    String problem = null;
    if (narInfo.fileHash().isPresent() && !narInfo.fileHash().get().equals(fileDigest.narHash())) {
      problem = "FileHash is " + narInfo.fileHash().get() + " but the file hashes to " + fileDigest.narHash();
    } else if (narInfo.fileSize().isPresent() && narInfo.fileSize().getAsLong() != fileDigest.narSize()) {
      problem = "FileSize is " + narInfo.fileSize().getAsLong() + " but the file has " + fileDigest.narSize() + " bytes";
    } else if (nar.narSize() != narInfo.narSize()) {
      problem = "NarSize is " + narInfo.narSize() + " but the archive has " + nar.narSize() + " bytes";
    } else if (!nar.narHash().equals(narInfo.narHash())) {
      problem = "NarHash is " + narInfo.narHash() + " but the archive hashes to " + nar.narHash();
    }
    if (problem != null) {
      io.statectl.kernel.store.FileTrees.deleteRecursively(target);
      throw new SubstitutionRefusedException(narInfo.path(), cache.url(), SubstitutionRefusedException.Reason.MISMATCH,
          problem);
    }
  }

  /** Hears how many compressed bytes were downloaded so far. */
  @FunctionalInterface
  public interface Consumer {
    void downloaded(long bytes);

    Consumer NONE = b -> { };
  }

  /** Passes bytes through, hashing and counting them. */
  private static final class Counting extends FilterInputStream {
    private final DigestingOutputStream digest;
    private final Consumer progress;

    Counting(InputStream in, DigestingOutputStream digest, Consumer progress) {
      super(in);
      this.digest = digest;
      this.progress = progress;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        digest.write(b);
        progress.downloaded(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      int n = super.read(buf, off, len);
      if (n > 0) {
        digest.write(buf, off, n);
        progress.downloaded(n);
      }
      return n;
    }
  }

}
