package io.statectl.kernel.store;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;

/** Makes special files for tests without external tools: a bound Unix socket leaves one. */
final class SpecialFiles {
  private SpecialFiles() {}

  /** Creates a Unix-domain socket file at {@code path} and returns it. */
  static Path socket(Path path) throws IOException {
    try (ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.bind(UnixDomainSocketAddress.of(path));
    }
    return path;
  }
}
