package io.statectl.e2e;

import io.statectl.testing.RequiredTool;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Reads property lists with two independent real parsers: libplist's {@code plistutil} must
 * convert the file to a binary plist, and Python's {@code plistlib} reads it into JSON.
 */
final class Plists {
  private Plists() {}

  static Map<String, Object> parse(Path plist) throws IOException, InterruptedException {
    Path binary = Files.createTempFile("plist", ".bin");
    try {
      exec("plistutil", "-i", plist.toString(), "-o", binary.toString(), "-f", "bin");
      String json = exec("python3", "-c", "import json,plistlib,sys; print(json.dumps(plistlib.load(open(sys.argv[1],'rb'))))",
          plist.toString());
      String fromBinary = exec("python3", "-c",
          "import json,plistlib,sys; print(json.dumps(plistlib.load(open(sys.argv[1],'rb'))))", binary.toString());
      assertEquals(json, fromBinary, "libplist and plistlib read " + plist + " alike");
      return new ObjectMapper().readValue(json, new TypeReference<Map<String, Object>>() {});
    } finally {
      Files.deleteIfExists(binary);
    }
  }

  private static String exec(String... cmd) throws IOException, InterruptedException {
    RequiredTool.require(cmd[0], cmd[0].equals("plistutil") ? "libplist-utils" : cmd[0]);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError(String.join(" ", cmd) + " failed: " + out);
    }
    return out;
  }
}
