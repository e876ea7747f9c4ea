package io.statectl.client;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the server of one state directory keeps its runtime files: {@code <state>/server/} (owner
 * only) holds the socket, the pid and the lock that makes it the only server of that directory;
 * the log is {@code <state>/server.log}. None of this is state: deleting it stops nothing but the
 * server.
 */
public record ServerFiles(Path stateDir) {
  /** Unix-domain socket paths are limited to ~107 bytes (sun_path). */
  static final int MAX_SOCKET_PATH = 100;

  public ServerFiles {
    stateDir = Objects.requireNonNull(stateDir, "stateDir").toAbsolutePath().normalize();
  }

  public Path runtimeDir() {
    return stateDir.resolve("server");
  }

  public Path socket() {
    return runtimeDir().resolve("socket");
  }

  public Path pidFile() {
    return runtimeDir().resolve("pid");
  }

  public Path lockFile() {
    return runtimeDir().resolve("lock");
  }

  public Path log() {
    return stateDir.resolve("server.log");
  }

  /** Whether the socket path fits the OS limit; if not, commands run in-process. */
  public boolean socketPathFits() {
    return socket().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= MAX_SOCKET_PATH;
  }
}
