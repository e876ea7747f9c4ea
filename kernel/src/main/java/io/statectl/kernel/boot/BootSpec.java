package io.statectl.kernel.boot;

import io.statectl.kernel.ErrorCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a generation declares about booting ({@code boot.*}), as the services plugin writes it into
 * the generation's root files at {@value #FILE}: one {@code key<TAB>value} a line ({@code loader},
 * {@code kernel}, {@code initrd}, {@code param} (repeated), {@code configurationLimit}). A
 * generation without the file boots with {@link #DEFAULTS}.
 *
 * @param kernel the kernel image, a path on the boot partition ({@code /vmlinuz-…}); empty: the
 *     newest {@code vmlinuz-*} in the root's {@code /boot}, if any
 * @param initrd likewise for the initrd ({@code initrd.img-*})
 * @param kernelParams extra kernel command line words
 * @param configurationLimit how many of the newest generations keep an entry, at least 1
 */
public record BootSpec(Loader loader, Optional<String> kernel, Optional<String> initrd, List<String> kernelParams,
    int configurationLimit) {
  /** Where the generation's declaration lives, relative to its root files. */
  public static final String FILE = "etc/statectl/boot";
  public static final int DEFAULT_LIMIT = 10;
  public static final BootSpec DEFAULTS = new BootSpec(Loader.SYSTEMD_BOOT, Optional.empty(), Optional.empty(),
      List.of(), DEFAULT_LIMIT);

  /** Which boot loader's entries statectl writes. */
  public enum Loader {
    /** Boot Loader Specification type #1 entries under {@code /boot/loader/entries}. */
    SYSTEMD_BOOT,
    /** None: the machine is booted by something else (a container runtime, another loader). */
    NONE
  }

  public BootSpec {
    kernelParams = List.copyOf(kernelParams);
    if (configurationLimit < 1) {
      throw new BootException(ErrorCode.BOOT_LIMIT_INVALID, 0,
          "boot.loader.configurationLimit = " + configurationLimit + " keeps no boot entry",
          "set it to 1 or more (default " + DEFAULT_LIMIT + ")");
    }
  }

  /** The declaration in a generation's root files, or {@link #DEFAULTS} when it declares none. */
  public static BootSpec of(Path rootFiles) {
    Path file = rootFiles.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return DEFAULTS;
    }
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Parses the declaration's text ({@link #FILE}'s format). */
  public static BootSpec parse(String text) {
    Loader loader = Loader.SYSTEMD_BOOT;
    Optional<String> kernel = Optional.empty();
    Optional<String> initrd = Optional.empty();
    List<String> params = new ArrayList<>();
    int limit = DEFAULT_LIMIT;
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int tab = line.indexOf('\t');
      String key = tab < 0 ? line : line.substring(0, tab);
      String value = tab < 0 ? "" : line.substring(tab + 1);
      switch (key) {
        case "loader" -> loader = value.equals("none") ? Loader.NONE : Loader.SYSTEMD_BOOT;
        case "kernel" -> kernel = Optional.of(value);
        case "initrd" -> initrd = Optional.of(value);
        case "param" -> params.add(value);
        case "configurationLimit" -> limit = limit(value);
        default -> { } // a key of a newer statectl: ignored, as systemd ignores unknown keys
      }
    }
    return new BootSpec(loader, kernel, initrd, params, limit);
  }

  private static int limit(String value) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new BootException(ErrorCode.BOOT_LIMIT_INVALID, 0,
          "boot.loader.configurationLimit = \"" + value + "\" is not a number", "set it to a whole number of at least 1");
    }
  }
}
