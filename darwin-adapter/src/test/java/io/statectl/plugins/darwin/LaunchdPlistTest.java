package io.statectl.plugins.darwin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statectl.api.SourceLocation;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LaunchdPlistTest {
  static final SourceLocation AT = new SourceLocation("hosts/mac.toml", 3, 1);

  @TempDir
  Path dir;

  static LaunchdJob fullJob() {
    return new LaunchdJob(LaunchdJob.Kind.AGENT, "org.example.sync", "/usr/local/bin/sync", List.of("--once", "two words"),
        new TreeMap<>(Map.of("PATH", "/usr/bin:/bin", "LANG", "en_US.UTF-8")), Optional.of(true), Optional.of(false),
        OptionalLong.of(600), Optional.of("/tmp/sync.out"), Optional.of("/tmp/sync.err"), Optional.of("/Users/me"), AT);
  }

  static LaunchdJob minimalJob(String program) {
    return new LaunchdJob(LaunchdJob.Kind.DAEMON, "org.example.min", program, List.of(), new TreeMap<>(), Optional.empty(),
        Optional.empty(), OptionalLong.empty(), Optional.empty(), Optional.empty(), Optional.empty(), AT);
  }

  @Test
  void everyOption_isReadBackByRealParsers() throws Exception {
    Map<String, Object> parsed = PlistParsers.parse(LaunchdPlist.render(fullJob()), dir);
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("Label", "org.example.sync");
    expected.put("ProgramArguments", List.of("/usr/local/bin/sync", "--once", "two words"));
    expected.put("EnvironmentVariables", Map.of("PATH", "/usr/bin:/bin", "LANG", "en_US.UTF-8"));
    expected.put("KeepAlive", true);
    expected.put("RunAtLoad", false);
    expected.put("StartInterval", 600);
    expected.put("StandardOutPath", "/tmp/sync.out");
    expected.put("StandardErrorPath", "/tmp/sync.err");
    expected.put("WorkingDirectory", "/Users/me");
    assertEquals(expected, parsed);
  }

  @Test
  void unsetOptions_areLeftOut() throws Exception {
    Map<String, Object> parsed = PlistParsers.parse(LaunchdPlist.render(minimalJob("/usr/bin/true")), dir);
    assertEquals(Map.of("Label", "org.example.min", "ProgramArguments", List.of("/usr/bin/true")), parsed);
  }

  @Test
  void markupAndUnicodeInValues_surviveParsing() throws Exception {
    String nasty = "a<b>&c\"d'e ]]> ü → 😀";
    Map<String, Object> parsed = PlistParsers.parse(LaunchdPlist.render(minimalJob(nasty)), dir);
    assertEquals(List.of(nasty), parsed.get("ProgramArguments"));
  }

  @Test
  void output_isAnXmlPlistWithAppleDoctype() {
    String xml = LaunchdPlist.render(minimalJob("/usr/bin/true"));
    assertTrue(xml.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE plist PUBLIC "
        + "\"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n<plist version=\"1.0\">"),
        xml);
    assertTrue(!xml.contains("\r"), "line ends are \\n");
  }

  @Test
  void output_isDeterministic_whateverTheEnvironmentOrder() {
    LaunchdJob a = fullJob();
    Map<String, String> reversed = new LinkedHashMap<>();
    reversed.put("PATH", "/usr/bin:/bin");
    reversed.put("LANG", "en_US.UTF-8");
    LaunchdJob b = new LaunchdJob(a.kind(), a.label(), a.program(), a.arguments(), new TreeMap<>(reversed), a.keepAlive(),
        a.runAtLoad(), a.startInterval(), a.standardOutPath(), a.standardErrorPath(), a.workingDirectory(),
        a.userName(), a.groupName(), a.switchTriggers(), a.notes(), AT);
    assertEquals(LaunchdPlist.render(a), LaunchdPlist.render(b));
    String xml = LaunchdPlist.render(a);
    assertTrue(xml.indexOf("<key>LANG</key>") < xml.indexOf("<key>PATH</key>"), "environment sorted");
    assertTrue(xml.indexOf("<key>Label</key>") < xml.indexOf("<key>ProgramArguments</key>")
        && xml.indexOf("<key>ProgramArguments</key>") < xml.indexOf("<key>EnvironmentVariables</key>")
        && xml.indexOf("<key>StartInterval</key>") < xml.indexOf("<key>WorkingDirectory</key>"), "keys in a fixed order");
  }

  @Test
  void sha256_isLowerCaseHexOfTheBytes_andFollowsTheContent() {
    // sha256("") is well known
    assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", LaunchdPlist.sha256(""));
    assertNotEquals(LaunchdPlist.sha256(LaunchdPlist.render(minimalJob("/a"))),
        LaunchdPlist.sha256(LaunchdPlist.render(minimalJob("/b"))));
  }
}
