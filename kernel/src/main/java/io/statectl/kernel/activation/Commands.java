package io.statectl.kernel.activation;

import io.statectl.kernel.process.Processes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Runs the commands of managed settings and shows them as a shell would read them. */
final class Commands {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9@%+=:,./_-]+");

  private Commands() {}

  /** {@code "darwin"} or {@code "linux"}: the family of the machine this JVM runs on. */
  static String familyOfThisMachine() {
    return io.statectl.api.Platform.current().isDarwin() ? "darwin" : "linux";
  }

  /** One command line, each argument quoted for a POSIX shell where needed. */
  static String render(List<String> argv) {
    return argv.stream().map(a -> PLAIN.matcher(a).matches() ? a : "'" + a.replace("'", "'\\''") + "'")
        .collect(Collectors.joining(" "));
  }

  /** Runs one command to its end; a non-zero exit is an {@link IOException} carrying its output. */
  static void run(List<String> argv) throws IOException {
    try {
      Processes.Finished done = Processes.capture(argv, Map.of());
      if (done.exitCode() != 0) {
        throw new IOException("`" + render(argv) + "` exited with " + done.exitCode() + ": "
            + new String(done.output(), StandardCharsets.UTF_8).strip());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running `" + render(argv) + "`", e);
    }
  }
}
