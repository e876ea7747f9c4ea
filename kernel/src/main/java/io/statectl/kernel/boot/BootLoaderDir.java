package io.statectl.kernel.boot;

import io.statectl.kernel.ErrorCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A root's boot loader directory, {@code <root>/boot/loader}: statectl's entries
 * ({@code entries/statectl-<N>.conf}), {@code loader.conf} ({@code default}) and the one-shot
 * choice. Entries of other tools in {@code entries/} are never touched.
 *
 * <p>The one-shot choice is systemd-boot's {@code LoaderEntryOneShot}: without EFI variables (a
 * container, a BIOS machine, a test root) it is the file {@value #ONESHOT} holding the entry id;
 * the next boot-time activation reads and deletes it before anything else, so it is used once.
 *
 * <p>Every file is written to a temp name beside it, synced and renamed: a crash leaves the old
 * entry or the new one. Not thread-safe; callers hold the state directory's writer lock.
 */
public final class BootLoaderDir {
  public static final String ONESHOT = "boot/loader/statectl-oneshot";
  private final Path root;

  public BootLoaderDir(Path root) {
    this.root = root;
  }

  public Path boot() {
    return root.resolve("boot");
  }

  public Path loader() {
    return root.resolve("boot/loader");
  }

  public Path entriesDir() {
    return root.resolve("boot/loader/entries");
  }

  public Path loaderConf() {
    return root.resolve("boot/loader/loader.conf");
  }

  public Path oneShotFile() {
    return root.resolve(ONESHOT);
  }

  /** Whether statectl has written a loader directory under this root. */
  public boolean exists() {
    return Files.isDirectory(entriesDir());
  }

  /** statectl's entries, by generation. */
  public TreeMap<Integer, BootEntry> entries() {
    TreeMap<Integer, BootEntry> all = new TreeMap<>();
    if (!Files.isDirectory(entriesDir())) {
      return all;
    }
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(entriesDir(), BootEntry.PREFIX + "*.conf")) {
      for (Path f : dir) {
        BootEntry.parse(f.getFileName().toString(), Files.readString(f, StandardCharsets.UTF_8))
            .ifPresent(e -> all.put(e.generation(), e));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + entriesDir(), e);
    }
    return all;
  }

  /**
   * Makes statectl's entries exactly {@code keep} and points {@code loader.conf}'s {@code default}
   * at {@code defaultGeneration}'s: new entries first, then {@code loader.conf}, then the removal of
   * entries no longer kept, so the default always names an entry that exists.
   */
  public void write(List<BootEntry> keep, int defaultGeneration) {
    try {
      Files.createDirectories(entriesDir());
      for (BootEntry e : keep) {
        Path f = entriesDir().resolve(e.fileName());
        String text = e.render();
        if (!Files.isRegularFile(f) || !Files.readString(f, StandardCharsets.UTF_8).equals(text)) {
          atomicWrite(f, text);
        }
      }
      writeDefault(defaultGeneration);
      for (int n : entries().keySet()) {
        if (keep.stream().noneMatch(e -> e.generation() == n)) {
          Files.deleteIfExists(entriesDir().resolve(BootEntry.fileName(n)));
        }
      }
      Optional<Integer> once = oneShot();
      if (once.isPresent() && keep.stream().noneMatch(e -> e.generation() == once.get())) {
        Files.deleteIfExists(oneShotFile());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the boot entries under " + loader(), e);
    }
  }

  /** The generation {@code loader.conf} names as {@code default}, if it names one of statectl's. */
  public Optional<Integer> defaultGeneration() {
    if (!Files.isRegularFile(loaderConf())) {
      return Optional.empty();
    }
    try {
      for (String line : Files.readAllLines(loaderConf(), StandardCharsets.UTF_8)) {
        String[] kv = line.strip().split("\\s+", 2);
        if (kv[0].equals("default") && kv.length == 2) {
          return BootEntry.generationOf(kv[1].strip());
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + loaderConf(), e);
    }
  }

  /**
   * Sets {@code loader.conf}'s {@code default} to {@code generation}'s entry, keeping its other
   * lines ({@code timeout}, {@code editor}, …) as they are.
   */
  public void writeDefault(int generation) {
    List<String> lines = new ArrayList<>();
    try {
      if (Files.isRegularFile(loaderConf())) {
        for (String line : Files.readAllLines(loaderConf(), StandardCharsets.UTF_8)) {
          if (!line.strip().startsWith("default ") && !line.strip().equals("default")) {
            lines.add(line);
          }
        }
      } else {
        lines.add("# default is written by statectl (`statectl boot --default N`)");
        lines.add("timeout 3");
      }
      lines.add("default " + BootEntry.fileName(generation));
      String text = String.join("\n", lines) + "\n";
      if (!Files.isRegularFile(loaderConf()) || !Files.readString(loaderConf(), StandardCharsets.UTF_8).equals(text)) {
        atomicWrite(loaderConf(), text);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + loaderConf(), e);
    }
  }

  /** Chooses {@code generation}'s entry for the next boot only. */
  public void writeOneShot(int generation) {
    try {
      atomicWrite(oneShotFile(), BootEntry.fileName(generation) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + oneShotFile(), e);
    }
  }

  /** The one-shot choice, if one is pending. */
  public Optional<Integer> oneShot() {
    if (!Files.isRegularFile(oneShotFile())) {
      return Optional.empty();
    }
    try {
      return BootEntry.generationOf(Files.readString(oneShotFile(), StandardCharsets.UTF_8).strip());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + oneShotFile(), e);
    }
  }

  /** Reads and deletes the one-shot choice: what a boot does with {@code LoaderEntryOneShot}. */
  public Optional<Integer> takeOneShot() {
    Optional<Integer> once = oneShot();
    try {
      Files.deleteIfExists(oneShotFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + oneShotFile(), e);
    }
    return once;
  }

  /** Refuses with {@code STC-E255} when there is no loader directory of statectl's here. */
  public void requireExists() {
    if (!exists()) {
      throw new BootException(ErrorCode.BOOT_NO_LOADER, 0, "there are no boot entries under " + entriesDir(),
          "apply or `statectl install` a configuration with root files onto " + root
              + " first (pass --root if the machine is not /); boot.loader.type = \"none\" writes none");
    }
  }

  private static void atomicWrite(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling("." + file.getFileName() + ".statectl-tmp");
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ch.write(java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
      ch.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
