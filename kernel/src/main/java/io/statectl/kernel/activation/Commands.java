package io.statectl.kernel.activation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(
        new java.io.File("/dev/null"))).start();
    byte[] output = p.getInputStream().readAllBytes();
    try {
      int code = p.waitFor();
      if (code != 0) {
        throw new IOException("`" + render(argv) + "` exited with " + code + ": "
            + new String(output, StandardCharsets.UTF_8).strip());
      }
    } catch (InterruptedException e) {
      p.destroy();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running `" + render(argv) + "`", e);
    }
  }
}
