package io.statectl.kernel.boot;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Boot Loader Specification (type #1) entry, {@code statectl-<N>.conf}: the generation it
 * boots, its title, the kernel and initrd (paths on the boot partition) and the kernel command
 * line, which carries {@code init=<generation>/init} and {@code statectl.generation=<N>}.
 *
 * @param init the generation's init as the booted machine sees it (the store path without the root)
 */
public record BootEntry(int generation, String title, Optional<String> linux, Optional<String> initrd, String init,
    List<String> params) {
  public static final String PREFIX = "statectl-";
  private static final Pattern FILE = Pattern.compile("statectl-(\\d+)\\.conf");

  public BootEntry {
    if (generation < 1) {
      throw new IllegalArgumentException("generation " + generation);
    }
    if (title.contains("\n") || init.contains(" ") || init.contains("\n")) {
      throw new IllegalArgumentException("a boot entry value holds a line break or the init a space: " + init);
    }
    params = List.copyOf(params);
  }

  /** {@code statectl-<N>.conf}, the entry id the loader knows it by. */
  public String fileName() {
    return fileName(generation);
  }

  public static String fileName(int generation) {
    return PREFIX + generation + ".conf";
  }

  /** The generation an entry file name is for, if it is one of statectl's. */
  public static Optional<Integer> generationOf(String fileName) {
    Matcher m = FILE.matcher(fileName);
    return m.matches() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
  }

  /** The kernel command line: init, the generation, then the declared parameters. */
  public String options() {
    List<String> words = new ArrayList<>();
    words.add("init=" + init);
    words.add("statectl.generation=" + generation);
    words.addAll(params);
    return String.join(" ", words);
  }

  /** The entry file's text; {@code version} makes loaders sort newer generations first. */
  public String render() {
    StringBuilder b = new StringBuilder("# written by statectl: rewritten on every switch, rollback and gc\n");
    b.append("title ").append(title).append('\n');
    b.append("version ").append(generation).append('\n');
    b.append("sort-key statectl\n");
    linux.ifPresent(l -> b.append("linux ").append(l).append('\n'));
    initrd.ifPresent(i -> b.append("initrd ").append(i).append('\n'));
    b.append("options ").append(options()).append('\n');
    return b.toString();
  }

  /**
   * Parses an entry statectl wrote (keys and values separated by whitespace, as the
   * specification says; {@code #} lines are comments), or empty when it is not one.
   */
  public static Optional<BootEntry> parse(String fileName, String text) {
    Optional<Integer> n = generationOf(fileName);
    if (n.isEmpty()) {
      return Optional.empty();
    }
    String title = "";
    Optional<String> linux = Optional.empty();
    Optional<String> initrd = Optional.empty();
    String init = null;
    List<String> params = new ArrayList<>();
    for (String line : text.split("\n")) {
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      String[] kv = l.split("\\s+", 2);
      String value = kv.length > 1 ? kv[1].strip() : "";
      switch (kv[0]) {
        case "title" -> title = value;
        case "linux" -> linux = Optional.of(value);
        case "initrd" -> initrd = Optional.of(value);
        case "options" -> {
          for (String w : value.split("\\s+")) {
            if (w.startsWith("init=")) {
              init = w.substring("init=".length());
            } else if (!w.startsWith("statectl.generation=") && !w.isEmpty()) {
              params.add(w);
            }
          }
        }
        default -> { } // version, sort-key, machine-id, …: derived or not ours
      }
    }
    return init == null ? Optional.empty() : Optional.of(new BootEntry(n.get(), title, linux, initrd, init, params));
  }
}
