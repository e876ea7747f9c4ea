package io.statectl.kernel.cache;

import com.github.luben.zstd.RecyclingBufferPool;
import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Optional;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZInputStream;
import org.tukaani.xz.XZOutputStream;

/** How a NAR is compressed in a binary cache: the narinfo's {@code Compression:} and the file suffix. */
public enum Compression {
  NONE("none", ".nar"),
  XZ("xz", ".nar.xz"),
  ZSTD("zstd", ".nar.zst");

  private final String keyword;
  private final String suffix;

  Compression(String keyword, String suffix) {
    this.keyword = keyword;
    this.suffix = suffix;
  }

  /** The narinfo keyword: {@code none}, {@code xz}, {@code zstd}. */
  public String keyword() {
    return keyword;
  }

  /** The file name suffix of a NAR so compressed, e.g. {@code .nar.zst}. */
  public String suffix() {
    return suffix;
  }

  /** Returns the compression a narinfo keyword names, if statectl reads it. */
  public static Optional<Compression> byKeyword(String keyword) {
    return Arrays.stream(values()).filter(c -> c.keyword.equals(keyword)).findFirst();
  }

  /** Wraps {@code out} so that what is written to the result reaches {@code out} compressed; closing closes {@code out}. */
  public OutputStream compress(OutputStream out) throws IOException {
    return switch (this) {
      case NONE -> out;
      case XZ -> new XZOutputStream(out, new LZMA2Options(6));
      case ZSTD -> new ZstdOutputStream(out, RecyclingBufferPool.INSTANCE, 3); // buffers reused: a push compresses every path
    };
  }

  /** Wraps {@code in} so that reading the result gives {@code in} decompressed. */
  public InputStream decompress(InputStream in) throws IOException {
    return switch (this) {
      case NONE -> in;
      case XZ -> new XZInputStream(in);
      case ZSTD -> new ZstdInputStream(in, RecyclingBufferPool.INSTANCE);
    };
  }
}
