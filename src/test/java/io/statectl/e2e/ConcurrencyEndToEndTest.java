package io.statectl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two statectl processes on one state directory: writers serialise, history stays one consistent line. */
class ConcurrencyEndToEndTest {
  @TempDir Path tmp;

  @Test
  void twoConcurrentApplies_bothFinish_logHasConsistentSequence_noGenerationReused() throws Exception {
    Path config = tmp.resolve("config");
    Trees.copy(Statectl.REPO.resolve("examples/basic"), config);
    Path home = Files.createDirectories(tmp.resolve("home"));
    Statectl statectl = new Statectl(tmp.resolve("state"));
    statectl.run("apply", "--config", config.toString(), "--host", "desktop", "--home", home.toString()).ok();

    List<Process> processes = new ArrayList<>();
    List<Path> errs = new ArrayList<>();
    for (String host : List.of("laptop", "desktop-b")) {
      Path dir = tmp.resolve("config-" + host);
      Trees.copy(config, dir);
      Trees.write(dir.resolve("files/gitconfig"), "[user]\n\tname = " + host + "\n");
      String h = host.equals("laptop") ? "laptop" : "desktop";
      Path err = tmp.resolve(host + ".err");
      errs.add(err);
      processes.add(statectl.processBuilder("apply", "--config", dir.toString(), "--host", h,
          "--home", home.toString()).redirectOutput(tmp.resolve(host + ".out").toFile())
          .redirectError(err.toFile()).start());
    }
    for (int i = 0; i < processes.size(); i++) {
      assertTrue(processes.get(i).waitFor(120, TimeUnit.SECONDS));
      assertEquals(0, processes.get(i).exitValue(), Files.readString(errs.get(i)));
    }

    String generations = statectl.run("generations").ok().out();
    assertEquals(3, generations.lines().count(), generations);
    assertEquals(List.of(1, 2, 3), numbers(generations, "^[ *]\\s+(\\d+)\\s"));
    String history = statectl.run("history").ok().out();
    assertEquals(numbersFrom1(history.lines().count()), numbers(history, "^\\s*(\\d+)\\s"));
    assertEquals(List.of(1, 2, 3), numbers(history, "GenerationCreated\\s+generation (\\d+) "),
        "each generation number was given once: " + history);
    assertTrue(statectl.run("history", "--verify").ok().out().contains("event log intact"));
  }

  @Test
  void writerBusy_waitTimeout_givesUpWithHolderAndCode() throws Exception {
    Path config = tmp.resolve("config");
    Trees.copy(Statectl.REPO.resolve("examples/basic"), config);
    Path home = Files.createDirectories(tmp.resolve("home"));
    Statectl statectl = new Statectl(tmp.resolve("state"));
    statectl.run("apply", "--config", config.toString(), "--host", "desktop", "--home", home.toString()).ok();
    Path lockFile = statectl.stateDir().resolve("writer.lock");
    try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.WRITE);
        FileLock lock = ch.lock()) {
      ch.truncate(0);
      ch.write(ByteBuffer.wrap("pid=4711\nsince=2026-01-02T03:04:05Z\nactivity=applying\n".getBytes(StandardCharsets.UTF_8)));
      Statectl.Result r = statectl.run("apply", "--config", config.toString(), "--host", "laptop", "--home",
          home.toString(), "--wait-timeout", "1s");
      assertEquals(11, r.exit(), r.toString());
      assertTrue(r.err().contains("another statectl (pid 4711) is applying since"), r.err());
      assertTrue(r.err().contains("waiting for it to finish, at most 1s"), r.err());
      assertTrue(r.err().contains("error[STC-E021]: gave up waiting after 1s"), r.err());
      // readers never wait for the writer
      assertTrue(statectl.run("generations").ok().out().startsWith("*    1"));
      assertTrue(lock.isValid());
    }
    assertEquals(1, statectl.run("generations").ok().out().lines().count(), "the refused apply recorded nothing");
    assertTrue(new File(lockFile.toString()).exists());
  }

  private static List<Integer> numbers(String text, String regex) {
    List<Integer> out = new ArrayList<>();
    Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(text);
    while (m.find()) {
      out.add(Integer.parseInt(m.group(1)));
    }
    return out;
  }

  private static List<Integer> numbersFrom1(long count) {
    List<Integer> out = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      out.add(i);
    }
    return out;
  }
}
