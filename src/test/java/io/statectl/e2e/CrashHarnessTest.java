package io.statectl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash harness of the activation journal (issue 14): {@code apply --backup} from generation
 * A to B, in a real child JVM, halted ({@code Runtime.halt}, as a SIGKILL) at its K-th crash point
 * ({@code STATECTL_TEST_CRASH_AT=K}: after the journal is written, after each backup is sealed and
 * recorded, after each plan step), for many K across all of them; then the next command ({@code
 * gc}) runs, and the harness checks: the home is exactly generation A's (with the user's files in
 * place) or exactly B's, every file moved aside is recoverable byte for byte, {@code history
 * --verify} passes, an {@code ActivationFailed} was recorded, and no journal is left.
 *
 * <p>By default {@value #DEFAULT_POINTS} points (seeded, the seed printed). {@code
 * -Dstatectl.crash.points=all} runs every crash point of a larger apply ({@code
 * -Dstatectl.crash.files=N}, default 80 then: 121 points); {@code -Dstatectl.crash.seed=S}
 * repeats a run.
 */
class CrashHarnessTest {
  static final int DEFAULT_POINTS = 10;
  private static final Map<String, String> NO_SERVER = Map.of("STATECTL_NO_SERVER", "1");
  private final ObjectMapper json = new ObjectMapper();

  @TempDir Path tmp;

  @Test
  void applyKilledAtEveryKindOfPoint_leavesTheOldOrTheNewGeneration_andLosesNothing() throws Exception {
    boolean all = "all".equals(System.getProperty("statectl.crash.points"));
    int files = Integer.getInteger("statectl.crash.files", all ? 80 : 12);
    long seed = Long.getLong("statectl.crash.seed", System.nanoTime());
    Random random = new Random(seed);
    int clashes = Math.max(3, files / 3);

    Path configA = config("a", files, 0, "A");
    Path configB = config("b", files, clashes, "B");
    Path state = tmp.resolve("state");
    Path home = Files.createDirectories(tmp.resolve("home"));
    Statectl statectl = new Statectl(state);
    apply(statectl, configA, home, false).ok();
    Map<String, String> userFiles = new java.util.TreeMap<>();
    for (int i = 0; i < clashes; i++) {
      Path f = home.resolve("clash/c" + i);
      Files.createDirectories(f.getParent());
      String text = "the user's own file " + i + " " + random.nextLong() + "\n";
      Files.writeString(f, text);
      Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(i % 2 == 0 ? "rw-r-----" : "rwxr-xr-x"));
      userFiles.put("clash/c" + i, text);
    }
    Picture old = Picture.of(home);
    Path savedState = tmp.resolve("saved-state");
    Path savedHome = tmp.resolve("saved-home");
    copy(state, savedState);
    copy(home, savedHome);

    // The reference run: no crash, counting the crash points it passes.
    Path countFile = tmp.resolve("points");
    Statectl.Result reference = apply(statectl, configB, home, true,
        Map.of("STATECTL_TEST_CRASH_COUNT", countFile.toString()));
    reference.ok();
    int points = Integer.parseInt(Files.readString(countFile).trim());
    Picture fresh = Picture.of(home);
    assertTrue(points > clashes * 3, "crash points: " + points);
    if (all) {
      assertTrue(points >= 100, "the full run has at least 100 crash points: " + points);
    }

    List<Integer> chosen = new ArrayList<>();
    if (all) {
      for (int k = 1; k <= points; k++) {
        chosen.add(k);
      }
    } else {
      TreeSet<Integer> pick = new TreeSet<>(List.of(1, points)); // the first and the last
      while (pick.size() < Math.min(DEFAULT_POINTS, points)) {
        pick.add(1 + random.nextInt(points));
      }
      chosen.addAll(pick);
    }

    List<String> violations = new ArrayList<>();
    int back = 0;
    int forward = 0;
    for (int k : chosen) {
      restore(savedState, state);
      restore(savedHome, home);
      Statectl.Result killed = apply(statectl, configB, home, true, Map.of("STATECTL_TEST_CRASH_AT", String.valueOf(k)));
      List<String> problems = new ArrayList<>();
      if (killed.exit() != 137) {
        problems.add("the apply was not halted at point " + k + ": " + killed);
      }
      if (!Files.exists(state.resolve("journal/system"))) {
        problems.add("no journal left by the killed apply");
      }
      Statectl.Result next = statectl.run(NO_SERVER, "gc");
      String said = next.out() + next.err();
      if (next.exit() != 0) {
        problems.add("the next command failed: " + next);
      }
      Picture now = Picture.of(home);
      boolean isOld = now.equals(old);
      boolean isNew = now.equals(fresh);
      if (isOld) {
        back++;
        if (!said.contains("was rolled back")) {
          problems.add("home is generation A but the next command did not say it rolled back: " + said);
        }
      } else if (isNew) {
        forward++;
        if (!said.contains("was rolled forward")) {
          problems.add("home is generation B but the next command did not say it rolled forward: " + said);
        }
      } else {
        problems.add("the home is neither generation A nor B:\n  " + old.diff(now, "A") + "\n  " + fresh.diff(now, "B"));
      }
      problems.addAll(recoverable(statectl, home, userFiles));
      Statectl.Result verify = statectl.run(NO_SERVER, "history", "--verify");
      if (verify.exit() != 0) {
        problems.add("history --verify: " + verify);
      }
      String failed = statectl.run(NO_SERVER, "history", "--type", "ActivationFailed").ok().out();
      if (!failed.contains("interrupted after")) {
        problems.add("no ActivationFailed recorded: " + failed);
      }
      if (Files.exists(state.resolve("journal/system"))) {
        problems.add("the journal is still there after the next command");
      }
      if (!problems.isEmpty()) {
        violations.add("point " + k + " of " + points + " (" + lastLine(killed.err()) + "):\n    "
            + String.join("\n    ", problems));
      }
    }
    System.out.println("CrashHarnessTest: " + chosen.size() + " crash points of " + points + " (" + files
        + " files, " + clashes + " backed up), " + back + " rolled back, " + forward + " rolled forward, "
        + violations.size() + " invariant violation(s), seed " + seed);
    assertEquals(List.of(), violations, "seed " + seed);
  }

  /**
   * {@code apply --repair} (drift: links deleted, a link replaced by the user's file) killed at its
   * crash points: the next command finishes the repair (the home is generation A exactly), the
   * user's file is recoverable, the history verifies, an {@code ActivationFailed} is recorded and no
   * journal is left.
   */
  @Test
  void repairKilledAtItsCrashPoints_isFinishedByTheNextCommand_andLosesNothing() throws Exception {
    boolean all = "all".equals(System.getProperty("statectl.crash.points"));
    int files = Integer.getInteger("statectl.crash.files", all ? 80 : 12);
    long seed = Long.getLong("statectl.crash.seed", System.nanoTime());
    Random random = new Random(seed);
    Path configA = config("a", files, 0, "A");
    Path state = tmp.resolve("state");
    Path home = Files.createDirectories(tmp.resolve("home"));
    Statectl statectl = new Statectl(state);
    apply(statectl, configA, home, false).ok();
    Picture clean = Picture.of(home);
    Map<String, String> userFiles = new java.util.TreeMap<>();
    for (int i = 0; i < files; i++) {
      Path f = home.resolve("d" + (i % 4) + "/f" + i);
      Files.delete(f);
      if (i % 3 == 0) {
        String text = "the user's edit " + i + " " + random.nextLong() + "\n";
        Files.writeString(f, text);
        userFiles.put("d" + (i % 4) + "/f" + i, text);
      }
    }
    Path savedState = tmp.resolve("saved-state");
    Path savedHome = tmp.resolve("saved-home");
    copy(state, savedState);
    copy(home, savedHome);

    Path countFile = tmp.resolve("points");
    Map<String, String> counting = new java.util.HashMap<>(NO_SERVER);
    counting.put("STATECTL_TEST_CRASH_COUNT", countFile.toString());
    statectl.run(counting, "apply", "--repair", "--home", home.toString()).ok();
    int points = Integer.parseInt(Files.readString(countFile).trim());
    assertEquals(clean, Picture.of(home), "the repair without a crash");
    assertTrue(points > files, "crash points: " + points);

    List<Integer> chosen = new ArrayList<>();
    TreeSet<Integer> pick = new TreeSet<>(List.of(1, points));
    while (pick.size() < (all ? points : Math.min(DEFAULT_POINTS, points))) {
      pick.add(1 + random.nextInt(points));
    }
    chosen.addAll(pick);
    List<String> violations = new ArrayList<>();
    for (int k : chosen) {
      restore(savedState, state);
      restore(savedHome, home);
      Map<String, String> env = new java.util.HashMap<>(NO_SERVER);
      env.put("STATECTL_TEST_CRASH_AT", String.valueOf(k));
      Statectl.Result killed = statectl.run(env, "apply", "--repair", "--home", home.toString());
      List<String> problems = new ArrayList<>();
      if (killed.exit() != 137) {
        problems.add("the repair was not halted at point " + k + ": " + killed);
      }
      if (!Files.exists(state.resolve("journal/system"))) {
        problems.add("no journal left by the killed repair");
      }
      Statectl.Result next = statectl.run(NO_SERVER, "gc");
      if (next.exit() != 0 || !(next.out() + next.err()).contains("interrupted repair")) {
        problems.add("the next command did not finish the repair: " + next);
      }
      Picture now = Picture.of(home);
      if (!now.equals(clean)) {
        problems.add("the home is not generation A: " + clean.diff(now, "A"));
      }
      problems.addAll(recoverable(statectl, home, userFiles));
      Statectl.Result verify = statectl.run(NO_SERVER, "history", "--verify");
      if (verify.exit() != 0) {
        problems.add("history --verify: " + verify);
      }
      Statectl.Result storeVerify = statectl.run(NO_SERVER, "store", "verify", "--check-contents");
      if (storeVerify.exit() != 0) {
        problems.add("store verify: " + storeVerify);
      }
      if (!statectl.run(NO_SERVER, "history", "--type", "ActivationFailed").ok().out().contains("interrupted after")) {
        problems.add("no ActivationFailed recorded");
      }
      if (Files.exists(state.resolve("journal/system"))) {
        problems.add("the journal is still there after the next command");
      }
      if (!problems.isEmpty()) {
        violations.add("point " + k + " of " + points + " (" + lastLine(killed.err()) + "):\n    "
            + String.join("\n    ", problems));
      }
    }
    System.out.println("CrashHarnessTest repair: " + chosen.size() + " crash points of " + points + ", "
        + violations.size() + " invariant violation(s), seed " + seed);
    assertEquals(List.of(), violations, "seed " + seed);
  }

  /** Every user file is in the home as it was, or recorded as a backup whose store copy has its bytes. */
  private List<String> recoverable(Statectl statectl, Path home, Map<String, String> userFiles) throws IOException {
    List<String> problems = new ArrayList<>();
    JsonNode backups = json.readTree(statectl.run(NO_SERVER, "backups", "--json").ok().out());
    for (Map.Entry<String, String> u : userFiles.entrySet()) {
      Path live = home.resolve(u.getKey());
      if (Files.isRegularFile(live, LinkOption.NOFOLLOW_LINKS)
          && Files.readString(live).equals(u.getValue())) {
        continue;
      }
      boolean found = false;
      for (JsonNode b : backups.isArray() ? backups : backups.path("backups")) {
        if (b.path("livePath").asText().equals(live.toString())) {
          Path copy = Path.of(b.path("storePath").asText());
          found |= Files.isRegularFile(copy) && Files.readString(copy).equals(u.getValue());
        }
      }
      if (!found) {
        problems.add(u.getKey() + " is neither in the home nor in a recorded backup (backups: " + backups + ")");
      }
    }
    return problems;
  }

  /** Files 0..n-1 in both generations (their text differs), "gone/" only in A, "new/" and the clashes only in B. */
  private Path config(String name, int files, int clashes, String text) throws IOException {
    Path dir = tmp.resolve("config-" + name);
    StringBuilder host = new StringBuilder("# crash harness generation " + text + "\n");
    for (int i = 0; i < files; i++) {
      host.append("[files.\"d").append(i % 4).append("/f").append(i).append("\"]\ntext = \"").append(text)
          .append(' ').append(i).append("\\n\"\n");
    }
    for (int i = 0; i < files / 4; i++) {
      String dirName = text.equals("A") ? "gone" : "new";
      host.append("[files.\"").append(dirName).append("/x").append(i).append("\"]\ntext = \"").append(text)
          .append(" only\\n\"\n");
    }
    for (int i = 0; i < clashes; i++) {
      host.append("[files.\"clash/c").append(i).append("\"]\ntext = \"managed ").append(i).append("\\n\"\n");
    }
    Trees.write(dir.resolve("hosts/h.toml"), host.toString());
    return dir;
  }

  private static Statectl.Result apply(Statectl s, Path config, Path home, boolean backup) {
    return apply(s, config, home, backup, Map.of());
  }

  private static Statectl.Result apply(Statectl s, Path config, Path home, boolean backup, Map<String, String> env) {
    Map<String, String> all = new java.util.HashMap<>(NO_SERVER);
    all.putAll(env);
    List<String> args = new ArrayList<>(List.of("apply", "--config", config.toString(), "--host", "h", "--home",
        home.toString()));
    if (backup) {
      args.add("--backup");
    }
    return s.run(all, args.toArray(String[]::new));
  }

  private static String lastLine(String err) {
    List<String> lines = err.lines().filter(l -> l.startsWith("crash point")).toList();
    return lines.isEmpty() ? "no crash point line" : lines.get(lines.size() - 1);
  }

  private static void copy(Path from, Path to) throws Exception {
    Process p = new ProcessBuilder("cp", "-a", from.toString(), to.toString()).inheritIO().start();
    assertEquals(0, p.waitFor(), "cp -a " + from);
  }

  private static void restore(Path saved, Path live) throws Exception {
    Process rm = new ProcessBuilder("rm", "-rf", live.toString()).inheritIO().start();
    assertEquals(0, rm.waitFor());
    copy(saved, live);
  }

  /** What the home is: every entry's kind and permissions, and what each file reads as through its links. */
  record Picture(Map<String, String> entries, Map<String, String> content) {
    static Picture of(Path home) {
      return new Picture(Trees.picture(home), Trees.content(home));
    }

    String diff(Picture other, String name) {
      List<String> d = new ArrayList<>();
      for (String k : new TreeSet<>(union(entries.keySet(), other.entries.keySet()))) {
        if (!java.util.Objects.equals(entries.get(k), other.entries.get(k))
            || !java.util.Objects.equals(content.get(k), other.content.get(k))) {
          d.add(k + ": " + name + " has " + entries.get(k) + "/" + content.get(k) + ", the home "
              + other.entries.get(k) + "/" + other.content.get(k));
        }
      }
      return d.size() > 6 ? String.join("; ", d.subList(0, 6)) + "; … " + d.size() + " in all" : String.join("; ", d);
    }

    private static java.util.Set<String> union(java.util.Set<String> a, java.util.Set<String> b) {
      java.util.Set<String> u = new java.util.HashSet<>(a);
      u.addAll(b);
      return u;
    }
  }

  static String read(Path p) throws IOException {
    return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
  }
}
