package io.statectl.kernel.activation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The activation journal: {@code <state>/journal/<profile>}, written and fsynced before an
 * activation changes anything (what it is about to do, and where), extended by one line per step
 * carried out, and deleted once the outcome is recorded in the event log. A journal that exists
 * when a command starts is an activation that a crash interrupted; {@code InterruptedActivations}
 * (shell) rolls it back or forward and records {@code ActivationFailed}.
 *
 * <p>The step lines are appended without an fsync (one per step would cost a disk flush per
 * file): a killed process leaves them in the page cache, so they are exact after a crash of the
 * process; after a power loss they may be short, which recovery does not depend on (it compares
 * the live files with both manifests, and reads the backups from the event log).
 *
 * @param profile the profile being activated
 * @param number the generation being activated
 * @param previous the generation active before, 0 when none was
 * @param generation the store path of {@code number}
 * @param previousGeneration the store path of {@code previous}; empty when none was active
 * @param targets where it lands (home, root, whether settings and units run, the uid, the other
 *     profiles whose links it may take over)
 * @param policy the backup policy the plan was made with
 * @param reason why it was activated ({@code ActivationReason} by name)
 * @param logSequence the event log's last sequence before the activation: its backups come after
 * @param steps how many plan steps it has
 * @param switchStep the index (from 0) of the step that switches the profile link
 * @param done the steps carried out, each as its plan line (first line only), in order
 */
public record ActivationJournal(String profile, int number, int previous, String generation,
    String previousGeneration, ActivationTargets targets, BackupPolicy policy, String reason, long logSequence,
    int steps, int switchStep, List<String> done) {
  private static final String HEADER = "statectl activation journal 1";

  public ActivationJournal {
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(generation, "generation");
    Objects.requireNonNull(previousGeneration, "previousGeneration");
    Objects.requireNonNull(targets, "targets");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(reason, "reason");
    done = List.copyOf(done);
    if (number < 1 || previous < 0 || logSequence < 0 || steps < 0 || switchStep < 0) {
      throw new IllegalArgumentException("bad activation journal numbers");
    }
  }

  /** The journal file of {@code profile} under {@code journalDir}. */
  public static Path file(Path journalDir, String profile) {
    return journalDir.resolve(profile);
  }

  /** The index (from 0) of the plan's profile switch. */
  public static int switchStep(ActivationPlan plan) {
    List<PlanStep> s = plan.steps();
    for (int i = 0; i < s.size(); i++) {
      if (s.get(i) instanceof PlanStep.SwitchProfile) {
        return i;
      }
    }
    throw new IllegalArgumentException("an activation plan without a profile switch");
  }

  /** Whether the steps done include the switch: the new generation is live. */
  public boolean switched() {
    return done.size() > switchStep;
  }

  /**
   * Writes this journal durably (temp file, fsync, rename, fsync of the directory) and returns it
   * open for step lines.
   *
   * @throws UncheckedIOException when it cannot be written (the activation then does not start)
   */
  public Open write(Path journalDir) {
    Path target = file(journalDir, profile);
    Path tmp = journalDir.resolve("." + profile + ".tmp");
    try {
      Files.createDirectories(journalDir);
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
          StandardOpenOption.WRITE)) {
        writeAll(ch, header().getBytes(StandardCharsets.UTF_8));
        ch.force(true);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      try (FileChannel dir = FileChannel.open(journalDir, StandardOpenOption.READ)) {
        dir.force(true);
      }
      return new Open(target, FileChannel.open(target, StandardOpenOption.WRITE, StandardOpenOption.APPEND));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the activation journal " + target + ": " + e.getMessage(), e);
    }
  }

  private String header() {
    Map<String, String> kv = new LinkedHashMap<>();
    kv.put("profile", profile);
    kv.put("number", String.valueOf(number));
    kv.put("previous", String.valueOf(previous));
    kv.put("generation", generation);
    kv.put("previousGeneration", previousGeneration);
    kv.put("home", targets.home().toString());
    kv.put("root", targets.root().toString());
    kv.put("runCommands", String.valueOf(targets.runCommands()));
    kv.put("notRunBecause", targets.notRunBecause());
    kv.put("uid", targets.uid());
    kv.put("releasing", String.join("\u0000", targets.releasing().stream().map(Path::toString).toList()));
    kv.put("policy", policy.name());
    kv.put("reason", reason);
    kv.put("logSequence", String.valueOf(logSequence));
    kv.put("steps", String.valueOf(steps));
    kv.put("switchStep", String.valueOf(switchStep));
    StringBuilder b = new StringBuilder(HEADER).append('\n');
    kv.forEach((k, v) -> b.append(k).append('=').append(escape(v)).append('\n'));
    b.append("begin\n");
    return b.toString();
  }

  /** Every journal under {@code journalDir} (none when it does not exist). */
  public static List<ActivationJournal> all(Path journalDir) {
    List<ActivationJournal> all = new ArrayList<>();
    if (!Files.isDirectory(journalDir)) {
      return all;
    }
    try (var files = Files.list(journalDir)) {
      for (Path f : files.sorted().toList()) {
        String name = f.getFileName().toString();
        if (name.startsWith(".")) {
          Files.deleteIfExists(f); // a journal torn before its rename: that activation never started
          continue;
        }
        all.add(read(f));
      }
    } catch (NoSuchFileException e) {
      return all;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the activation journals in " + journalDir, e);
    }
    return all;
  }

  /** Reads one journal file. */
  static ActivationJournal read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    if (lines.isEmpty() || !HEADER.equals(lines.get(0))) {
      throw new ActivationInterruptedException(file.getFileName().toString(), 0,
          file + " is not an activation journal (first line: " + (lines.isEmpty() ? "none" : lines.get(0)) + ")");
    }
    Map<String, String> kv = new LinkedHashMap<>();
    List<String> done = new ArrayList<>();
    boolean begun = false;
    for (String line : lines.subList(1, lines.size())) {
      if (begun) {
        if (line.startsWith("done ")) {
          done.add(unescape(line.substring(5)));
        }
      } else if (line.equals("begin")) {
        begun = true;
      } else {
        int eq = line.indexOf('=');
        kv.put(line.substring(0, eq), unescape(line.substring(eq + 1)));
      }
    }
    String releasing = kv.getOrDefault("releasing", "");
    ActivationTargets targets = new ActivationTargets(Path.of(kv.get("home")), Path.of(kv.get("root")),
        Boolean.parseBoolean(kv.get("runCommands")), kv.getOrDefault("notRunBecause", ""), kv.getOrDefault("uid", "0"),
        releasing.isEmpty() ? List.of() : java.util.Arrays.stream(releasing.split("\u0000")).map(Path::of).toList());
    return new ActivationJournal(kv.get("profile"), Integer.parseInt(kv.get("number")),
        Integer.parseInt(kv.get("previous")), kv.get("generation"), kv.get("previousGeneration"), targets,
        BackupPolicy.valueOf(kv.get("policy")), kv.get("reason"), Long.parseLong(kv.get("logSequence")),
        Integer.parseInt(kv.get("steps")), Integer.parseInt(kv.get("switchStep")), done);
  }

  /** Deletes the journal of {@code profile}: its outcome is recorded. */
  public static void delete(Path journalDir, String profile) {
    try {
      Files.deleteIfExists(file(journalDir, profile));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the activation journal " + file(journalDir, profile), e);
    }
  }

  private static String escape(String v) {
    return v.replace("\\", "\\\\").replace("\n", "\\n");
  }

  private static String unescape(String v) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '\\' && i + 1 < v.length()) {
        char n = v.charAt(++i);
        b.append(n == 'n' ? '\n' : n);
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  private static void writeAll(FileChannel ch, byte[] bytes) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    while (b.hasRemaining()) {
      ch.write(b);
    }
  }

  /** A journal being written: one line per step carried out, then {@link #finish}. */
  public static final class Open implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private int done;

    private Open(Path file, FileChannel channel) {
      this.file = file;
      this.channel = channel;
    }

    /** Appends that {@code step} was carried out (no fsync: see the class comment). */
    public void stepDone(PlanStep step) {
      String line = step.describe().lines().findFirst().orElse("");
      try {
        writeAll(channel, ("done " + escape(line) + "\n").getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the activation journal " + file, e);
      }
      done++;
    }

    /** How many steps were carried out. */
    public int stepsDone() {
      return done;
    }

    /** The outcome is recorded: the journal goes. */
    public void finish() {
      close();
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete the activation journal " + file, e);
      }
    }

    @Override
    public void close() {
      try {
        channel.close();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot close the activation journal " + file, e);
      }
    }
  }
}
