package io.statectl.shell.engine.deploy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the user's own OpenSSH client (so their ~/.ssh/config, agent, ProxyJump and known_hosts
 * apply) with one remote command, and tells its outcomes apart: ssh's own failures exit 255, a
 * missing remote command 127, anything else is the remote statectl's exit code.
 */
final class Ssh {
  static final int SSH_FAILED = 255;
  static final int COMMAND_NOT_FOUND = 127;

  private final Map<String, String> env;

  /** @param env the user's environment (for SSH_AUTH_SOCK, HOME and the like) */
  Ssh(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /** The environment ssh runs in. */
  Map<String, String> env() {
    return env;
  }

  /** What one remote command gave. */
  record Outcome(int exit, String out, String err) {
    List<String> tagged(String word) {
      List<String> lines = new ArrayList<>();
      for (String l : out.split("\n")) {
        if (l.startsWith(NodeHandler.TAG + " " + word + " ")) {
          lines.add(l.substring(NodeHandler.TAG.length() + word.length() + 2));
        }
      }
      return lines;
    }
  }

  /** A running ssh whose stdin/stdout the caller speaks through; stderr is collected. */
  final class Session implements AutoCloseable {
    private final Process process;
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Thread drain;

    private Session(Process process) {
      this.process = process;
      this.drain = new Thread(() -> copy(process.getErrorStream(), err), "ssh-stderr");
      drain.setDaemon(true);
      drain.start();
    }

    OutputStream toRemote() {
      return process.getOutputStream();
    }

    InputStream fromRemote() {
      return process.getInputStream();
    }

    /** Waits for the end and returns the exit code and what was left on stdout, and stderr. */
    Outcome finish() {
      try {
        byte[] rest = process.getInputStream().readAllBytes();
        int exit = process.waitFor();
        drain.join();
        synchronized (err) {
          return new Outcome(exit, new String(rest, StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroy();
        throw new IllegalStateException("interrupted while waiting for ssh", e);
      }
    }

    @Override
    public void close() {
      if (process.isAlive()) {
        process.destroy();
      }
    }
  }

  Session start(List<String> command) {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().clear();
    pb.environment().putAll(env);
    try {
      return new Session(pb.start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run ssh (is OpenSSH's client installed?)", e);
    }
  }

  /** Runs {@code command} with nothing on its stdin and returns its outcome. */
  Outcome run(List<String> command) {
    try (Session s = start(command)) {
      s.toRemote().close();
      return s.finish();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One word for the remote shell: single-quoted, with embedded quotes escaped. */
  static String quote(String word) {
    return "'" + word.replace("'", "'\\''") + "'";
  }

  static String commandLine(List<String> words) {
    List<String> quoted = new ArrayList<>();
    words.forEach(w -> quoted.add(quote(w)));
    return String.join(" ", quoted);
  }

  private static void copy(InputStream in, ByteArrayOutputStream to) {
    byte[] buf = new byte[8192];
    try {
      for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
        synchronized (to) {
          to.write(buf, 0, n);
        }
      }
    } catch (IOException e) {
      // the process ended; what was read is kept
    }
  }
}
