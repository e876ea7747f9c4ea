package io.statectl.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A throwaway machine for an end-to-end test: a configuration directory, a home and a root under
 * one temp directory, and the statectl whose state directory lives beside them. Every command
 * names the root and home explicitly, so nothing reaches the real {@code /} or {@code $HOME}.
 */
record TempMachine(Path config, Path home, Path root, Statectl statectl) {
  /** The host every configuration written by {@link #host} declares. */
  static final String HOST = "box";

  static TempMachine under(Path tmp) {
    try {
      return new TempMachine(Files.createDirectories(tmp.resolve("config")),
          Files.createDirectories(tmp.resolve("home")), Files.createDirectories(tmp.resolve("root")),
          new Statectl(tmp.resolve("state")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes {@code hosts/box.toml}. */
  TempMachine host(String toml) {
    Trees.write(config.resolve("hosts/" + HOST + ".toml"), toml);
    return this;
  }

  /** {@code apply} of the host onto this home and root as Linux, plus {@code extra} options; any exit. */
  Statectl.Result apply(String... extra) {
    List<String> args = new ArrayList<>(List.of("apply", "--config", config.toString(), "--host", HOST,
        "--home", home.toString(), "--root", root.toString(), "--platform", "x86_64-linux"));
    args.addAll(List.of(extra));
    return statectl.run(args.toArray(String[]::new));
  }

  /** Stops the server this machine's state directory started (for {@code @AfterEach}). */
  void stopServer() {
    statectl.run("server", "stop");
  }
}
