package io.statectl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The completion scripts of {@code statectl completion bash|zsh|fish}, driven in the real shells:
 * bash through its programmable completion (complete -p, then the function with COMP_WORDS),
 * zsh through zpty and the real completion system (compinit, a TAB typed), fish through
 * {@code complete -C}. Commands, options, host names, generation numbers and option paths.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CompletionShellsTest {
  private Path tmp;
  private Statectl statectl;
  private Path config;

  @BeforeAll
  void twoGenerations(@TempDir Path dir) throws IOException {
    tmp = dir;
    statectl = new Statectl(tmp.resolve("state"));
    config = Statectl.REPO.resolve("examples/basic");
    Files.createDirectories(tmp.resolve("home"));
    statectl.run("apply", "--config", config.toString(), "--host", "desktop", "--home", tmp.resolve("home").toString()).ok();
    statectl.run("apply", "--config", config.toString(), "--host", "laptop", "--home", tmp.resolve("home").toString()).ok();
  }

  @AfterAll
  void stopServer() {
    if (statectl != null && !Statectl.IN_PROCESS) {
      statectl.run("server", "stop");
    }
  }

  private static void need(String tool) {
    boolean present = Files.isExecutable(Path.of("/usr/bin", tool)) || Files.isExecutable(Path.of("/bin", tool));
    if (!present && "true".equals(System.getenv("CI"))) {
      throw new AssertionError(tool + " is missing: apt-get install -y --no-install-recommends " + tool);
    }
    assumeTrue(present, tool + " is not installed");
  }

  /** The cases every shell must answer: words typed (the last being completed) → what must be offered. */
  private void checkAll(java.util.function.Function<List<String>, List<String>> shell) {
    List<String> commands = shell.apply(List.of("statectl", "ap"));
    assertEquals(List.of("apply"), commands, "commands by prefix");
    List<String> all = shell.apply(List.of("statectl", ""));
    assertTrue(all.containsAll(List.of("apply", "generations", "diff", "explain", "completion")), all.toString());
    assertFalse(all.contains("__complete"), "the hidden command is not offered: " + all);
    List<String> options = shell.apply(List.of("statectl", "apply", "--ho"));
    assertEquals(List.of("--home", "--host"), options.stream().sorted().toList(), "options of the subcommand");
    List<String> hosts = shell.apply(List.of("statectl", "apply", "--config", config.toString(), "--host", ""));
    assertTrue(hosts.containsAll(List.of("desktop", "laptop")), "host names from hosts/: " + hosts);
    List<String> generations = shell.apply(List.of("statectl", "show-generation", ""));
    assertEquals(List.of("1", "2"), generations, "generation numbers");
    List<String> switchTo = shell.apply(List.of("statectl", "switch", "--generation", ""));
    assertEquals(List.of("1", "2"), switchTo, "generation numbers of --generation");
    List<String> paths = shell.apply(List.of("statectl", "eval", "programs."));
    assertFalse(paths.isEmpty(), "option paths under programs.");
    assertTrue(paths.stream().allMatch(p -> p.startsWith("programs.")), paths.toString());
    assertEquals(List.of("bash", "fish", "zsh"), shell.apply(List.of("statectl", "completion", "")).stream().sorted().toList());
  }

  @Test
  void bash_completesCommandsOptionsHostsGenerationsAndOptionPaths() {
    need("bash");
    Path script = write("statectl.bash", statectl.run("completion", "bash").ok().out());
    String registered = shell(List.of("bash", "-c", "source " + script + "; complete -p statectl")).trim();
    assertEquals("complete -F _statectl statectl", registered);
    checkAll(words -> lines(shell(concat(List.of("bash", "-c",
        "source " + script + "; COMP_WORDS=(\"$@\"); COMP_CWORD=$(($# - 1)); _statectl; "
            + "printf '%s\\n' \"${COMPREPLY[@]}\"", "bash"), words))));
  }

  @Test
  void zsh_completesThroughTheRealCompletionSystem() {
    need("zsh");
    Path fpath = tmp.resolve("zfunc");
    write("zfunc/_statectl", statectl.run("completion", "zsh").ok().out());
    checkAll(words -> {
      Path matches = tmp.resolve("zsh-matches-" + System.nanoTime());
      String line = String.join(" ", words.stream().map(w -> w.isEmpty() ? "" : w).toList());
      String driver = String.join("\n",
          "zmodload zsh/zpty",
          "zpty z 'zsh -f -i'",
          "zpty -w z 'PROMPT=\"\"; fpath=(" + fpath + " $fpath); autoload -Uz compinit; compinit -u -D; print READY'",
          "zpty -w z 'compadd() { local -a __m; builtin compadd -O __m \"$@\"; print -rl -- $__m >> " + matches
              + "; print -r -- DONE >> " + matches + ".done; builtin compadd \"$@\"; }; print READY2'",
          "all=''",
          "for i in {1..100}; do zpty -r -t z chunk && all+=\"$chunk\"; [[ $all == *READY2* ]] && break; sleep 0.1; done",
          "zpty -w -n z " + zshQuote(line) + "$'\\t'",
          "for i in {1..300}; do [[ -e " + matches + ".done ]] && break; sleep 0.1; zpty -r -t z chunk; done",
          "sleep 0.3",
          "zpty -d z",
          "[[ -e " + matches + " ]] && cat " + matches);
      return lines(shell(List.of("zsh", "-f", "-c", driver)));
    });
  }

  @Test
  void fish_completesWithCompleteC() {
    need("fish");
    Path script = write("statectl.fish", statectl.run("completion", "fish").ok().out());
    checkAll(words -> {
      String line = String.join(" ", words);
      List<String> out = new ArrayList<>();
      for (String l : lines(shell(List.of("fish", "--no-config", "-c", "source " + script + "; complete -C " + fishQuote(line))))) {
        out.add(l.split("\t", 2)[0]);
      }
      return out;
    });
  }

  @Test
  void tcsh_isRefusedNamingTheSupportedShells() {
    Statectl.Result r = statectl.run("completion", "tcsh");
    assertEquals(2, r.exit(), r.toString());
    assertTrue(r.err().contains("the supported shells are bash, zsh, fish"), r.err());
    assertTrue(r.out().isEmpty());
  }

  private static String zshQuote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  private static String fishQuote(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static List<String> lines(String out) {
    return Arrays.stream(out.split("\n")).map(String::strip).filter(l -> !l.isEmpty()).toList();
  }

  private Path write(String name, String content) {
    try {
      Path p = tmp.resolve(name);
      Files.createDirectories(p.getParent());
      Files.writeString(p, content);
      return p;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** Runs a shell with statectl on PATH, this test's state directory, and a home of its own. */
  private String shell(List<String> cmd) {
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd);
      Map<String, String> env = pb.environment();
      env.put("PATH", Statectl.APP.resolve("bin") + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
      env.put("JAVA_HOME", System.getProperty("java.home"));
      env.put("STATECTL_STATE_DIR", statectl.stateDir().toString());
      env.put("HOME", tmp.resolve("home").toString());
      env.put("XDG_CONFIG_HOME", tmp.resolve("xdg").toString());
      env.put("TERM", "dumb");
      if (Statectl.IN_PROCESS) {
        env.put("STATECTL_NO_SERVER", "1");
      }
      Path out = Files.createTempFile(tmp, "shell", ".out");
      pb.redirectOutput(out.toFile()).redirectErrorStream(false).redirectError(ProcessBuilder.Redirect.DISCARD);
      Process p = pb.start();
      assertTrue(p.waitFor(120, TimeUnit.SECONDS), "shell timed out: " + cmd);
      return Files.readString(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
