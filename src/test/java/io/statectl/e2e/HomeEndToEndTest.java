package io.statectl.e2e;

import io.statectl.testing.RequiredTool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The home plugin and the darwin adapter on {@code examples/home}: alice's one home configuration
 * applied for her Linux desktop and (as a plan and files under a temp root) her Mac, checked with
 * the real bash, zsh, fish, git, ssh and plist parsers.
 */
class HomeEndToEndTest {
  @TempDir Path tmp;
  Path config;
  Path home;
  Statectl statectl;

  @BeforeEach
  void setUp() throws IOException {
    config = tmp.resolve("config");
    Trees.copy(Statectl.REPO.resolve("examples/home"), config);
    home = Files.createDirectories(tmp.resolve("home"));
    statectl = new Statectl(tmp.resolve("state"));
  }

  private Statectl.Result apply(String host, String... more) {
    List<String> args = new ArrayList<>(List.of("apply", "--config", config.toString(), "--host", host,
        "--home", home.toString()));
    args.addAll(List.of(more));
    return statectl.run(args.toArray(String[]::new));
  }

  private Statectl.Result applyMac(String... more) {
    List<String> args = new ArrayList<>(List.of("--platform", "aarch64-darwin", "--root", tmp.resolve("mac-root").toString()));
    args.addAll(List.of(more));
    return apply("macbook", args.toArray(String[]::new));
  }

  /** Runs a program with a clean environment whose HOME is the test home; returns stdout, failing on non-zero. */
  private String run(Path workdir, String... cmd) {
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd).directory(workdir.toFile());
      pb.environment().clear();
      pb.environment().put("HOME", home.toString());
      pb.environment().put("PATH", "/usr/local/bin:/usr/bin:/bin");
      pb.environment().put("TERM", "dumb");
      pb.redirectErrorStream(false);
      Path err = Files.createTempFile(tmp, "err", ".txt");
      pb.redirectError(err.toFile());
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", cmd) + " did not finish");
      assertEquals(0, p.exitValue(), String.join(" ", cmd) + " failed: " + out + Files.readString(err));
      return out;
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static final java.util.Map<String, String> PACKAGES = java.util.Map.of("bash", "bash", "zsh", "zsh",
      "fish", "fish", "git", "git", "ssh", "openssh-client");

  private String sh(String... cmd) {
    RequiredTool.require(cmd[0], PACKAGES.getOrDefault(cmd[0], cmd[0]));
    return run(tmp, cmd);
  }

  @Test
  void aliceOnTheDesktop_profileOnPathInLoginShells_gitAndSshReadTheirFiles() throws Exception {
    Statectl.Result r = apply("desktop").ok();
    assertTrue(r.out().contains("generation 1 is active"), r.toString());
    Path profileBin = home.resolve(".statectl-profile/bin");

    for (String shell : List.of("bash", "zsh")) {
      String out = sh(shell, "-lc", "command -v hello; hello; echo \"PATH=$PATH\"; echo \"EDITOR=$EDITOR\"");
      assertTrue(out.contains(profileBin.resolve("hello").toString()), shell + ": " + out);
      assertTrue(out.contains("hello from alice's profile"), shell + ": " + out);
      assertTrue(out.contains("PATH=" + profileBin), shell + " puts the profile first: " + out);
      assertTrue(out.contains("EDITOR=vim"), shell + ": " + out);
    }
    String fish = sh("fish", "-lc", "command -v hello; and hello");
    assertTrue(fish.contains("hello from alice's profile"), fish);
    assertTrue(sh("bash", "-ic", "alias").contains("alias ll='ls -l'"), "interactive bash has the aliases");

    Map<String, String> git = new TreeMap<>();
    for (String line : sh("git", "config", "--global", "--list").split("\n")) {
      int eq = line.indexOf('=');
      git.put(line.substring(0, eq), line.substring(eq + 1));
    }
    assertEquals("Alice Example", git.get("user.name"), git.toString());
    assertEquals("alice@example.org", git.get("user.email"));
    assertEquals("checkout", git.get("alias.co"));
    assertEquals("status -sb", git.get("alias.st"));
    assertEquals("vim", git.get("core.editor"));
    assertEquals("true", git.get("pull.rebase"));
    assertEquals("https://github.com/", git.get("url.git@github.com:.insteadof"));
    assertTrue(git.get("core.excludesfile") == null || !git.get("core.excludesfile").isEmpty());

    String ssh = sh("ssh", "-F", home.resolve(".ssh/config").toString(), "-G", "build");
    assertTrue(ssh.contains("hostname build.example.org\n"), ssh);
    assertTrue(ssh.contains("user alice\n"), ssh);
    assertTrue(ssh.contains("port 2222\n"), ssh);
    assertTrue(ssh.contains("forwardagent yes\n"), ssh);
    assertTrue(sh("ssh", "-F", home.resolve(".ssh/config").toString(), "-G", "github.com").contains("user git\n"));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve(".ssh"))));

    // The home profile is its own: the system profile has no generation at all.
    assertTrue(statectl.run("generations", "--profile", "home-alice").ok().out().contains("*    1"));
    assertTrue(statectl.run("generations").ok().out().contains("no generations yet"));
    // Unchanged configuration: nothing recorded.
    assertTrue(apply("desktop").ok().out().contains("no changes"));
  }

  @Test
  void theMacbook_plistsParse_defaultsPlanWritesNewKeysAndDeletesRemovedOnes() throws Exception {
    Statectl.Result noRoot = apply("macbook", "--platform", "aarch64-darwin");
    assertEquals(2, noRoot.exit(), noRoot.toString());
    assertTrue(noRoot.err().contains("pass --root DIR"), "a Mac's root files never land in this machine's /: " + noRoot);
    assertFalse(Files.exists(tmp.resolve("state")));

    Statectl.Result r = applyMac().ok();
    assertTrue(r.out().contains("system: generation 1 is active"), r.toString());
    assertTrue(r.out().contains("home-alice: generation 1 is active"), r.toString());
    assertTrue(r.out().contains("planned but not run here"), r.toString());

    Path agent = home.resolve("Library/LaunchAgents/org.example.notes-sync.plist");
    Map<String, Object> a = Plists.parse(agent);
    assertEquals("org.example.notes-sync", a.get("Label"));
    assertEquals(List.of("/bin/sh", "-c", "cp -R $HOME/.config/alice $HOME/Documents/alice-backup"),
        a.get("ProgramArguments"));
    assertEquals(900, ((Number) a.get("StartInterval")).intValue());
    assertEquals(true, a.get("RunAtLoad"));
    assertEquals("/tmp/notes-sync.log", a.get("StandardOutPath"));
    Path daemon = tmp.resolve("mac-root/Library/LaunchDaemons/org.example.backup.plist");
    Map<String, Object> d = Plists.parse(daemon);
    assertEquals("org.example.backup", d.get("Label"));
    assertEquals(List.of("/usr/local/bin/backup", "--quiet"), d.get("ProgramArguments"));
    assertEquals(3600, ((Number) d.get("StartInterval")).intValue());
    assertTrue(Files.isSymbolicLink(home.resolve("Applications/statectl")), "the .app bundles' place");

    // A config change: one key removed, one added, one changed, one left alone.
    Path alice = config.resolve("home/alice.toml");
    Files.writeString(alice, Files.readString(alice).replace("orientation = \"left\"\n", "mru-spaces = false\n")
        .replace("tilesize = 48", "tilesize = 36"));
    String plan = applyMac("--dry-run").ok().out();
    assertTrue(plan.contains("planned defaults:com.apple.dock:orientation: revert"), plan);
    assertTrue(plan.contains("$ /usr/bin/defaults delete com.apple.dock orientation"), plan);
    assertTrue(plan.contains("planned defaults:com.apple.dock:mru-spaces: apply (-bool false)"), plan);
    assertTrue(plan.contains("$ /usr/bin/defaults write com.apple.dock mru-spaces -bool false"), plan);
    assertTrue(plan.contains("$ /usr/bin/defaults write com.apple.dock tilesize -int 36"), plan);
    assertFalse(plan.contains("com.apple.dock:autohide"), "unchanged keys are not rewritten:\n" + plan);
    assertTrue(plan.contains("not run: --root " + tmp.resolve("mac-root")), plan);
  }

  @Test
  void oneHomeFileForTwoPlatforms_identicalGitAndSshConfig() throws Exception {
    apply("desktop").ok();
    String gitLinux = Files.readString(home.resolve(".config/git/config"));
    String sshLinux = Files.readString(home.resolve(".ssh/config"));
    String notes = Files.readString(home.resolve(".config/alice/notes.md"));
    home = Files.createDirectories(tmp.resolve("mac-home"));
    statectl = new Statectl(tmp.resolve("mac-state"));
    applyMac().ok();
    assertEquals(gitLinux, Files.readString(home.resolve(".config/git/config")));
    assertEquals(sshLinux, Files.readString(home.resolve(".ssh/config")));
    assertEquals(notes, Files.readString(home.resolve(".config/alice/notes.md")));
    assertTrue(Files.readString(home.resolve(".bashrc")).contains("xdg-open") == false, "the Linux-only alias stays on Linux");
    assertFalse(Files.exists(home.resolve(".config/statectl-demo")));
  }

  @Test
  void twoPackagesProvidingOneFile_errorNamesBoth_thenAPrioritySettlesIt() throws Exception {
    apply("desktop").ok();
    Path packages = config.resolve("packages/default.toml");
    Files.writeString(packages, Files.readString(packages) + """

        [packages.hello-fork]
        version = "9.9"
        build = "mkdir -p $out/bin; printf '#!/bin/sh\\\\necho fork\\\\n' > $out/bin/hello; chmod +x $out/bin/hello"
        """);
    Path alice = config.resolve("home/alice.toml");
    String original = Files.readString(alice);
    Files.writeString(alice, original.replace("packages = [\"hello\", \"notes\"]", "packages = [\"hello\", \"notes\", \"hello-fork\"]"));
    Map<String, String> before = Trees.picture(home);
    Statectl.Result clash = apply("desktop");
    assertEquals(3, clash.exit(), clash.toString());
    assertTrue(clash.err().contains("bin/hello: packages.hello (listed at home/alice.toml:4:"), clash.err());
    assertTrue(clash.err().contains("and packages.hello-fork (listed at home/alice.toml:4:"), clash.err());
    assertTrue(clash.err().contains("home.packagePriorities.hello-fork"), clash.err());
    assertEquals(before, Trees.picture(home), "nothing changed in the home");
    assertFalse(statectl.run("generations", "--profile", "home-alice").ok().out().contains("   2 "));

    Files.writeString(alice, Files.readString(alice).replace("[home.sessionVariables]",
        "[home.packagePriorities]\n\"hello-fork\" = 10\n\n[home.sessionVariables]"));
    apply("desktop").ok();
    assertTrue(sh("bash", "-lc", "hello").contains("hello from alice's profile"), "the lower number won");
  }

  @Test
  void twoModulesWritingOneHomeFile_errorNamesBothModulesWithLocations() throws Exception {
    Path alice = config.resolve("home/alice.toml");
    Files.writeString(alice, Files.readString(alice) + "\n[home.file.\".config/git/config\"]\ntext = \"[user]\\n\"\n");
    Statectl.Result r = apply("desktop");
    assertEquals(3, r.exit(), r.toString());
    assertTrue(r.err().contains("~/.config/git/config is defined twice"), r.err());
    assertTrue(r.err().contains("module home") && r.err().contains("module programs"), r.err());
    assertTrue(r.err().contains("home/alice.toml:"), r.err());
    assertFalse(Files.exists(tmp.resolve("state")), "a bad configuration leaves no state");
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
      "undeclared package | packages = [\"hello\", \"notes\"] | packages = [\"hello\", \"note\"] | home/alice.toml:4:| did you mean 'notes'?",
      "bad user name | username = \"alice\" | username = \"Alice Smith\" | home/alice.toml:3:| does not match",
      "priority for an unlisted package | [home.sessionVariables] | [home.packagePriorities]\\nhelo = 3\\n\\n[home.sessionVariables] | home/alice.toml:| hello",
      "ssh port out of range | port = 2222 | port = 70000 | home/alice.toml:| 70000",
      "git key with a space | [programs.git.extraConfig.pull] | [programs.git.extraConfig.pull]\\n\"re base\" = true | home/alice.toml:| re base",
      "darwin options on a Linux host | [when.darwin.darwin.defaults.\"com.apple.dock\"] | [darwin.defaults.\"com.apple.dock\"] | home/alice.toml:| move it under [when.darwin]",
  })
  void badHomeInputs_clearErrorWithLocation_noStateLeft(String name, String from, String to, String at, String phrase)
      throws Exception {
    Path alice = config.resolve("home/alice.toml");
    String text = Files.readString(alice);
    assertTrue(text.contains(from), "fixture has " + from);
    Files.writeString(alice, text.replace(from, to.replace("\\n", "\n")));
    Statectl.Result r = statectl.run("check", "--config", config.toString(), "--host", "desktop");
    assertEquals(3, r.exit(), r.toString());
    assertTrue(r.err().contains(at), name + ": " + r.err());
    assertTrue(r.err().contains(phrase), name + ": " + r.err());
    Statectl.Result applied = apply("desktop");
    assertEquals(3, applied.exit(), applied.toString());
    assertFalse(Files.exists(tmp.resolve("state")), "a bad configuration leaves no state");
    assertEquals(List.of(), listing(home));
  }

  @Test
  void rollingBackTheHomeProfileRestoresGitconfigAndProfileBinExactly() throws Exception {
    apply("desktop").ok();
    String git1 = Files.readString(home.resolve(".config/git/config"));
    List<String> bin1 = listing(home.resolve(".statectl-profile/bin"));
    assertEquals(List.of("hello", "notes"), bin1);

    Path alice = config.resolve("home/alice.toml");
    Files.writeString(alice, Files.readString(alice).replace("alice@example.org", "alice@work.example")
        .replace("packages = [\"hello\", \"notes\"]", "packages = [\"hello\"]"));
    assertTrue(apply("desktop").ok().out().contains("generation 2 is active"));
    assertTrue(Files.readString(home.resolve(".config/git/config")).contains("alice@work.example"));
    assertEquals(List.of("hello"), listing(home.resolve(".statectl-profile/bin")));

    String diff = statectl.run("diff", "1", "2", "--profile", "home-alice").ok().out();
    assertTrue(diff.contains("+\temail = alice@work.example"), diff);
    assertTrue(diff.contains("packages: - notes-0.3"), diff);
    assertTrue(statectl.run("show-generation", "2", "--profile", "home-alice").ok().out()
        .contains("statectl-home-alice-desktop"));

    Statectl.Result back = statectl.run("rollback", "--profile", "home-alice").ok();
    assertTrue(back.out().contains("home-alice: rolled back from generation 2 to 1"), back.toString());
    assertEquals(git1, Files.readString(home.resolve(".config/git/config")));
    assertEquals(bin1, listing(home.resolve(".statectl-profile/bin")));
    assertTrue(statectl.run("generations", "--profile", "home-alice").ok().out().contains("*    1"));
    Statectl.Result system = statectl.run("rollback");
    assertEquals(2, system.exit(), system.toString());
    assertTrue(system.err().contains("nothing to roll back to") && system.err().contains("'system'"),
        "the system profile is separate and has nothing to roll back: " + system);
    assertEquals(git1, Files.readString(home.resolve(".config/git/config")));
  }

  @Test
  void filesOfTheSystemProfileMoveIntoTheHomeProfileWhenAUserProfileArrives() throws Exception {
    Path plain = tmp.resolve("plain");
    Trees.write(plain.resolve("hosts/box.toml"), "[files.\".bashrc\"]\ntext = \"# system era\\n\"\n");
    statectl.run("apply", "--config", plain.toString(), "--host", "box", "--home", home.toString()).ok();
    assertTrue(Files.readSymbolicLink(home.resolve(".bashrc")).toString().contains("profiles/system/"));

    Trees.write(plain.resolve("hosts/box.toml"), "[home]\nusername = \"bob\"\n\n"
        + "[home.file.\".bashrc\"]\ntext = \"# home era\\n\"\n");
    Statectl.Result r = statectl.run("apply", "--config", plain.toString(), "--host", "box", "--home", home.toString()).ok();
    assertTrue(r.out().contains("system: generation 2 is active"), r.toString());
    assertTrue(r.out().contains("home-bob: generation 1 is active"), r.toString());
    assertTrue(Files.readSymbolicLink(home.resolve(".bashrc")).toString().contains("profiles/home-bob/"));
    assertEquals("# home era\n", Files.readString(home.resolve(".bashrc")));
    assertTrue(statectl.run("status", "--profile", "home-bob").ok().out().contains("no drift"),
        "the home profile's files are all in place");
  }

  private static List<String> listing(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
