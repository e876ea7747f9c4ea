package io.statectl.kernel.sandbox;

import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Runs builders isolated from the machine. Implementations: {@link BubblewrapSandbox} (Linux,
 * real isolation) and {@link CleanEnvironmentSandbox} (anywhere; an environment cleared of the
 * user's variables, but the file system and network are the host's).
 *
 * <p>Thread-safe: several jobs may run at once.
 */
public interface Sandbox {

  /** Whether builders see only their inputs ({@code ISOLATED}) or the whole machine. */
  enum Isolation { ISOLATED, NONE }

  /** The sandbox build directory as the builder sees it. */
  String BUILD_DIR = "/build";

  Isolation isolation();

  /** A few words for messages: {@code "bubblewrap"}. */
  String describe();

  /**
   * Where the builder must see {@code output}; {@code scratch} is a fresh host directory the
   * sandbox may use. An isolating sandbox maps the final store path onto scratch; one that cannot
   * remap builds at the final path itself.
   */
  Path hostLocation(Path output, Path scratch);

  /**
   * Runs {@code job} to its end, its stdout and stderr going to {@code log}; returns its exit
   * status. Interrupting the calling thread kills the builder.
   *
   * @throws SandboxException if the builder cannot be started
   */
  int run(SandboxJob job, OutputStream log) throws InterruptedException;
}
