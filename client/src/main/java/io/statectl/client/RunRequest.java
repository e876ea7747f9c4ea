package io.statectl.client;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a client asks a server to run: the command line and the part of the client's process
 * that the command may see — working directory, home, the environment variables statectl reads,
 * and what its stdout and stderr are.
 *
 * @param buildId the client's build; a server of another build refuses (see {@link BuildId})
 * @param clientPid shown to a user who waits for the writer lock
 * @param terminal whether the client has a console (stdin and stdout are terminals), which is what
 *     a command run in-process calls interactive
 * @param streams which of stdout and stderr are terminals
 * @param width terminal columns, or 0 when stdout is not a terminal or its width is unknown
 */
public record RunRequest(String buildId, List<String> argv, String cwd, String home, Map<String, String> env,
    long clientPid, Terminal terminal, Streams streams, int width) {

  /** Whether the client has a console (then the server may use width and colour). */
  public enum Terminal { INTERACTIVE, NOT_INTERACTIVE }

  /** Which of the client's output streams are terminals. */
  public enum Streams {
    NEITHER, STDOUT_ONLY, STDERR_ONLY, BOTH;

    public static Streams of(boolean stdout, boolean stderr) {
      return stdout ? (stderr ? BOTH : STDOUT_ONLY) : (stderr ? STDERR_ONLY : NEITHER);
    }

    public boolean stdout() {
      return this == STDOUT_ONLY || this == BOTH;
    }

    public boolean stderr() {
      return this == STDERR_ONLY || this == BOTH;
    }
  }

  public RunRequest {
    Objects.requireNonNull(buildId, "buildId");
    argv = List.copyOf(argv);
    Objects.requireNonNull(cwd, "cwd");
    Objects.requireNonNull(home, "home");
    env = Map.copyOf(env);
    Objects.requireNonNull(terminal, "terminal");
    Objects.requireNonNull(streams, "streams");
  }

  public byte[] encode() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      writeString(out, buildId);
      out.writeInt(argv.size());
      for (String a : argv) {
        writeString(out, a);
      }
      writeString(out, cwd);
      writeString(out, home);
      Map<String, String> sorted = new TreeMap<>(env);
      out.writeInt(sorted.size());
      for (Map.Entry<String, String> e : sorted.entrySet()) {
        writeString(out, e.getKey());
        writeString(out, e.getValue());
      }
      out.writeLong(clientPid);
      out.writeBoolean(terminal == Terminal.INTERACTIVE);
      out.writeByte(streams.ordinal());
      out.writeInt(width);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  public static RunRequest decode(byte[] payload) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
    String build = readString(in);
    int n = in.readInt();
    List<String> argv = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      argv.add(readString(in));
    }
    String cwd = readString(in);
    String home = readString(in);
    int m = in.readInt();
    Map<String, String> env = new TreeMap<>();
    for (int i = 0; i < m; i++) {
      env.put(readString(in), readString(in));
    }
    long pid = in.readLong();
    Terminal t = in.readBoolean() ? Terminal.INTERACTIVE : Terminal.NOT_INTERACTIVE;
    int streams = in.readByte();
    if (streams < 0 || streams >= Streams.values().length) {
      throw new IOException("bad stream flags " + streams);
    }
    int width = in.readInt();
    return new RunRequest(build, argv, cwd, home, env, pid, t, Streams.values()[streams], width);
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String readString(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > Frames.MAX_FRAME) {
      throw new IOException("bad string length " + n);
    }
    return new String(in.readNBytes(n), StandardCharsets.UTF_8);
  }
}
