package io.statectl.plugins.home;

import io.statectl.testing.RequiredTool;
import static io.statectl.plugins.home.Configs.bool;
import static io.statectl.plugins.home.Configs.context;
import static io.statectl.plugins.home.Configs.integer;
import static io.statectl.plugins.home.Configs.problems;
import static io.statectl.plugins.home.Configs.str;
import static io.statectl.plugins.home.Configs.table;
import static io.statectl.plugins.home.Configs.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statectl.api.activation.HomeDirectory;
import io.statectl.api.config.ConfigTable;
import io.statectl.api.config.ConfigValue;
import io.statectl.api.module.ModuleContribution;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshProgramTest {
  private ModuleContribution contribute(ConfigTable hosts) {
    return new SshProgram().contribute(context(table("enable", bool(true), "hosts", hosts)));
  }

  /** {@code ssh -G}: the configuration ssh would use for {@code host}, keyword → value. */
  private static List<String> effective(Path dir, String config, String host) throws Exception {
    Path f = dir.resolve("ssh_config");
    Files.writeString(f, config);
    Configs.Run r = Configs.run(Map.of("HOME", dir.toString(), "PATH", "/usr/bin:/bin"), dir,
        "ssh", "-F", f.toString(), "-G", host);
    assertEquals(0, r.exit(), r.err() + "\n" + config);
    return r.out().lines().toList();
  }

  @Test
  void hostsAreReadBackBySsh_withStarDefaultsLast(@TempDir Path dir) throws Exception {
    RequiredTool.require("ssh", "openssh-client");
    ModuleContribution c = contribute(table(
        "*", table("user", str("fallback"), "port", integer(2200), "extraOptions",
            table("ServerAliveInterval", str("60"), "SendEnv", str("LANG LC_*"))),
        "work", table("hostname", str("192.0.2.10"), "user", str("alice"), "port", integer(2222),
            "identityFile", str("~/.ssh/my key"), "identitiesOnly", bool(true), "forwardAgent", bool(true),
            "controlMaster", str("auto"), "controlPath", str("~/.ssh/cm-%r@%h:%p"), "controlPersist", str("10m")),
        "github.com", table("user", str("git"))));
    assertTrue(c.problems().isEmpty(), problems(c));
    String config = texts(c).get(SshProgram.CONFIG_FILE);
    assertTrue(config.indexOf("Host github.com") < config.indexOf("Host work")
        && config.indexOf("Host work") < config.indexOf("Host *"), config);

    List<String> work = effective(dir, config, "work");
    assertTrue(work.contains("hostname 192.0.2.10"), String.join("\n", work));
    assertTrue(work.contains("user alice"), String.join("\n", work));
    assertTrue(work.contains("port 2222"), String.join("\n", work));
    assertTrue(work.contains("identityfile ~/.ssh/my key"), String.join("\n", work));
    assertTrue(work.contains("identitiesonly yes"), String.join("\n", work));
    assertTrue(work.contains("forwardagent yes"), String.join("\n", work));
    assertTrue(work.contains("controlmaster auto"), String.join("\n", work));
    assertTrue(work.contains("controlpersist 600"), String.join("\n", work));
    assertTrue(work.contains("serveraliveinterval 60"), String.join("\n", work));
    assertTrue(work.contains("sendenv LANG") && work.contains("sendenv LC_*"), String.join("\n", work));

    List<String> github = effective(dir, config, "github.com");
    assertTrue(github.contains("user git"), String.join("\n", github));
    assertTrue(github.contains("port 2200"), String.join("\n", github));
    assertTrue(github.contains("hostname github.com"), String.join("\n", github));
    List<String> other = effective(dir, config, "elsewhere");
    assertTrue(other.contains("user fallback"), String.join("\n", other));

    assertTrue(c.entries().contains(new HomeDirectory(".ssh", "rwx------",
        c.entries().stream().filter(HomeDirectory.class::isInstance).findFirst().orElseThrow().definedAt())));
  }

  @Test
  void portOutOfRange_isAProblemAtThePort() {
    ConfigValue port = integer(70000);
    ModuleContribution c = contribute(table("work", table("port", port)));
    assertEquals(1, c.problems().size(), problems(c));
    assertEquals(port.location(), c.problems().get(0).location());
    assertTrue(c.problems().get(0).message().contains("70000 is not a TCP port"), problems(c));
    assertTrue(c.entries().isEmpty());
  }

  @Test
  void badKeywordsPatternsAndValues_areProblems() {
    ModuleContribution c = contribute(table(
        "a", table("extraOptions", table("Not-A-Keyword", str("x"), "Host", str("b"), "User", str("u")),
            "user", str("me")),
        "bad\"pattern", table("user", str("x")),
        "c", table("hostname", str("two\nlines"))));
    String all = problems(c);
    assertEquals(5, c.problems().size(), all);
    assertTrue(all.contains("'Not-A-Keyword' is not an ssh_config keyword"), all);
    assertTrue(all.contains("Host would start another block"), all);
    assertTrue(all.contains("User is already set by programs.ssh.hosts.\"a\".user"), all);
    assertTrue(all.contains("is not a list of Host patterns"), all);
    assertTrue(all.contains("not a one-line, non-empty ssh_config value"), all);
  }

  @Test
  void quoting_keepsOneArgument() {
    assertEquals("plain", SshHostBlock.quote("plain"));
    assertEquals("\"a b\"", SshHostBlock.quote("a b"));
    assertEquals("\"say \\\"hi\\\" \\\\\"", SshHostBlock.quote("say \"hi\" \\"));
  }
}
