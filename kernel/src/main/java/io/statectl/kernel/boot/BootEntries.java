package io.statectl.kernel.boot;

import io.statectl.kernel.ErrorCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Makes the boot entry of one generation: its title, the kernel and initrd it declares (checked to
 * exist on the root's boot partition) or the newest the root's {@code /boot} holds, and its init
 * as the booted machine will see it.
 */
public final class BootEntries {
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
      .withZone(ZoneOffset.UTC);

  private BootEntries() {}

  /** A generation that can have an entry: its number, store path, creation time and commit. */
  public record Bootable(int number, String storePath, Instant createdAt, Optional<String> commit, BootSpec spec) {}

  /**
   * The entry of {@code g} under {@code root}.
   *
   * @throws BootException {@code STC-E257} when a declared kernel or initrd is not in the root
   */
  public static BootEntry entry(Path root, Bootable g) {
    BootSpec spec = g.spec();
    Optional<String> linux = spec.kernel().map(k -> checked(root, g.number(), "boot.kernel", k))
        .or(() -> newest(root, "vmlinuz-"));
    Optional<String> initrd = spec.initrd().map(k -> checked(root, g.number(), "boot.initrd", k))
        .or(() -> spec.kernel().isPresent() ? Optional.empty() : linux.flatMap(l -> matchingInitrd(root, l)));
    String title = "statectl generation " + g.number() + " (" + DATE.format(g.createdAt())
        + g.commit().map(c -> ", commit " + c).orElse("") + ")";
    return new BootEntry(g.number(), title, linux, initrd, seenFromInside(root, g.storePath()) + "/" + InitScript.PATH,
        spec.kernelParams());
  }

  /** Checks a generation's declared kernel and initrd before it is activated. */
  public static void check(Path root, int number, BootSpec spec) {
    spec.kernel().ifPresent(k -> checked(root, number, "boot.kernel", k));
    spec.initrd().ifPresent(k -> checked(root, number, "boot.initrd", k));
  }

  /** {@code storePath} as a path of the machine whose root is {@code root}. */
  public static String seenFromInside(Path root, String storePath) {
    Path p = Path.of(storePath);
    Path r = root.toAbsolutePath().normalize();
    if (!r.toString().equals("/") && p.startsWith(r)) {
      return "/" + r.relativize(p);
    }
    return storePath;
  }

  private static String checked(Path root, int number, String option, String path) {
    String onBoot = path.startsWith("/") ? path : "/" + path;
    if (!Files.isRegularFile(root.resolve("boot").resolve(onBoot.substring(1)))) {
      throw new BootException(ErrorCode.BOOT_KERNEL_MISSING, number, option + " = \"" + path + "\" of "
          + (number == 0 ? "the configuration" : "generation " + number) + " is not in " + root.resolve("boot"),
          "paths are relative to the boot partition (<root>/boot), "
          + "e.g. \"/vmlinuz-6.1.0-13-amd64\"; drop " + option + " to use the newest the root has");
    }
    return onBoot;
  }

  private static Optional<String> newest(Path root, String prefix) {
    Path boot = root.resolve("boot");
    if (!Files.isDirectory(boot)) {
      return Optional.empty();
    }
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(boot, prefix + "*")) {
      for (Path f : dir) {
        if (Files.isRegularFile(f)) {
          names.add(f.getFileName().toString());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + boot, e);
    }
    return names.stream().max(Comparator.comparing(BootEntries::versionKey)).map(n -> "/" + n);
  }

  private static Optional<String> matchingInitrd(Path root, String linux) {
    String version = linux.substring(linux.indexOf("vmlinuz-") + "vmlinuz-".length());
    for (String name : List.of("initrd.img-" + version, "initramfs-" + version + ".img")) {
      if (Files.isRegularFile(root.resolve("boot").resolve(name))) {
        return Optional.of("/" + name);
      }
    }
    return Optional.empty();
  }

  /** Orders {@code vmlinuz-6.1.0-10} before {@code vmlinuz-6.1.0-13}: digit runs compare as numbers. */
  private static String versionKey(String name) {
    StringBuilder b = new StringBuilder();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\d+|\\D+").matcher(name);
    while (m.find()) {
      String part = m.group();
      b.append(Character.isDigit(part.charAt(0)) ? String.format("%012d", Long.parseLong(part.length() > 12
          ? part.substring(0, 12) : part)) : part);
    }
    return b.toString();
  }
}
