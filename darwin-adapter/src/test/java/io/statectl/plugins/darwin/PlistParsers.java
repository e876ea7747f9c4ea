package io.statectl.plugins.darwin;

import io.statectl.testing.RequiredTool;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Reads a property list with parsers other than the one that wrote it: libplist's {@code
 * plistutil} (XML to binary) and Python's {@code plistlib} (both the XML and libplist's binary),
 * and insists they agree. A missing tool fails the test rather than skipping it.
 */
final class PlistParsers {
  private static final String TO_JSON = "import plistlib,sys,json; print(json.dumps(plistlib.load(open(sys.argv[1],'rb'))))";

  private PlistParsers() {}

  /** The plist's top-level dictionary as parsed by plistlib and, through libplist, checked equal. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> parse(String xml, Path dir) throws IOException, InterruptedException {
    RequiredTool.require("plistutil", "libplist-utils");
    RequiredTool.require("python3", "python3");
    Path file = dir.resolve("job.plist");
    Files.writeString(file, xml, StandardCharsets.UTF_8);
    Path binary = dir.resolve("job.bplist");
    run(List.of("plistutil", "-i", file.toString(), "-o", binary.toString(), "-f", "bin"));
    ObjectMapper json = new ObjectMapper();
    Map<String, Object> fromXml = json.readValue(run(List.of("python3", "-c", TO_JSON, file.toString())), Map.class);
    Map<String, Object> fromLibplist = json.readValue(run(List.of("python3", "-c", TO_JSON, binary.toString())), Map.class);
    assertEquals(fromXml, fromLibplist, "plistlib and libplist read the plist differently");
    return fromXml;
  }

  private static String run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(command.get(0) + " did not finish");
    }
    String text = new String(out, StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new AssertionError(String.join(" ", command) + " failed (" + p.exitValue() + "):\n" + text);
    }
    return text;
  }
}
