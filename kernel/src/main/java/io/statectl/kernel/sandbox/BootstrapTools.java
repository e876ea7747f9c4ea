package io.statectl.kernel.sandbox;

import io.statectl.kernel.process.Processes;
import io.statectl.kernel.store.Hash;
import io.statectl.kernel.store.Store;
import io.statectl.kernel.store.StoreIoException;
import io.statectl.kernel.store.StorePath;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The host tools a builder may use (a shell, coreutils, tar, gzip, patch, sed, grep, find),
 * imported with their shared libraries into one content-addressed store path {@code
 * bootstrap-tools}: {@code bin/} the executables, {@code lib/} their libraries and dynamic loader,
 * {@code nix-support/interpreters} the loader paths they expect. Builders get them only as this
 * declared, hashed input, never through the host's {@code PATH}.
 *
 * <p>Importing copies and hashes some megabytes, so the result is remembered in {@code cacheDir}
 * under a fingerprint of the host files (path, size, modification time): a host upgrade makes a
 * new import, anything else reuses the last. Only ELF executables are taken (host shell-script
 * wrappers such as {@code gunzip} would need the host's {@code /bin/sh}).
 */
public final class BootstrapTools {
  /** Tools looked up on the host; missing ones are skipped. */
  public static final List<String> TOOLS = List.of("bash", "sh", "cat", "cp", "mv", "rm", "ls", "ln", "mkdir",
      "rmdir", "chmod", "touch", "echo", "printf", "test", "head", "tail", "wc", "sort", "uniq", "tr", "cut", "date",
      "basename", "dirname", "env", "true", "false", "sleep", "install", "readlink", "realpath", "stat", "od",
      "sha256sum", "seq", "expr", "id", "uname", "tee", "diff", "cmp", "tar", "gzip", "patch", "sed", "grep", "find",
      "xargs");
  private static final List<String> DIRS = List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin");
  private static final Pattern LIB = Pattern.compile("(?:=>\\s*)?(/\\S+)\\s+\\(0x");

  private BootstrapTools() {}

  /**
   * Returns the bootstrap path in {@code store}, importing it when the host tools changed since
   * the last import recorded in {@code cacheDir} or that path is no longer valid.
   */
  public static StorePath ensure(Store store, Path cacheDir) {
    Map<String, Path> tools = findTools();
    Hash fingerprint = fingerprint(tools);
    Path memo = cacheDir.resolve("bootstrap-" + fingerprint.toBase32().substring(0, 32));
    try {
      if (Files.isRegularFile(memo)) {
        StorePath known = StorePath.parse(Files.readString(memo).trim());
        if (store.isValid(known)) {
          return known;
        }
      }
      StorePath imported = importInto(store, tools);
      Files.createDirectories(cacheDir);
      Path tmp = Files.createTempFile(cacheDir, ".bootstrap", ".tmp");
      Files.writeString(tmp, imported.toString());
      Files.move(tmp, memo, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return imported;
    } catch (IOException e) {
      throw new StoreIoException(memo, "remember the bootstrap tools in", e);
    }
  }

  static Map<String, Path> findTools() {
    Map<String, Path> found = new LinkedHashMap<>();
    for (String tool : TOOLS) {
      for (String dir : DIRS) {
        Path p = Path.of(dir, tool);
        if (Files.isExecutable(p) && isElf(p)) {
          found.put(tool, p);
          break;
        }
      }
    }
    if (!found.containsKey("bash") && !found.containsKey("sh")) {
      throw new SandboxException("sh", "no shell found on this host in " + DIRS, null);
    }
    return found;
  }

  private static Hash fingerprint(Map<String, Path> tools) {
    StringBuilder b = new StringBuilder("bootstrap-v1\n");
    tools.forEach((name, p) -> {
      try {
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
        b.append(name).append(' ').append(p.toRealPath()).append(' ').append(a.size()).append(' ')
            .append(a.lastModifiedTime().toMillis()).append('\n');
      } catch (IOException e) {
        b.append(name).append(" ?\n");
      }
    });
    return Hash.of(b.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static StorePath importInto(Store store, Map<String, Path> tools) {
    return store.addDirectory("bootstrap-tools", root -> {
      Path bin = Files.createDirectories(root.resolve("bin"));
      Path lib = Files.createDirectories(root.resolve("lib"));
      TreeMap<String, Path> libs = new TreeMap<>();
      TreeSet<String> interpreters = new TreeSet<>();
      for (Map.Entry<String, Path> t : tools.entrySet()) {
        Files.copy(t.getValue(), bin.resolve(t.getKey()), StandardCopyOption.COPY_ATTRIBUTES);
        for (String l : sharedLibraries(t.getValue())) {
          Path lp = Path.of(l);
          libs.putIfAbsent(lp.getFileName().toString(), lp);
          if (lp.getFileName().toString().startsWith("ld-")) {
            interpreters.add(l);
          }
        }
      }
      if (!tools.containsKey("sh")) {
        Files.createSymbolicLink(bin.resolve("sh"), Path.of("bash"));
      }
      for (Map.Entry<String, Path> l : libs.entrySet()) {
        Files.copy(l.getValue().toRealPath(), lib.resolve(l.getKey()));
      }
      Path support = Files.createDirectories(root.resolve("nix-support"));
      Files.writeString(support.resolve("interpreters"), String.join("\n", interpreters) + "\n");
    });
  }

  /**
   * The absolute library paths the dynamic loader resolves for {@code binary}, loader included:
   * the loader named in the ELF's {@code PT_INTERP} is run with {@code LD_TRACE_LOADED_OBJECTS=1}
   * (what {@code ldd} does, without its shell-script start-up, which costs ~0.15 s a call here).
   */
  static List<String> sharedLibraries(Path binary) throws IOException {
    Optional<String> interpreter = interpreter(binary);
    if (interpreter.isEmpty()) {
      return List.of(); // static
    }
    Processes.Finished out;
    try {
      out = Processes.capture(List.of(interpreter.get(), binary.toString()), Map.of("LD_TRACE_LOADED_OBJECTS", "1"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while listing the libraries of " + binary, e);
    }
    List<String> libs = new ArrayList<>();
    Matcher m = LIB.matcher(new String(out.output(), StandardCharsets.UTF_8));
    while (m.find()) {
      libs.add(m.group(1));
    }
    if (!libs.contains(interpreter.get())) {
      libs.add(interpreter.get());
    }
    return libs;
  }

  /** The program interpreter ({@code PT_INTERP}) of a 64-bit little-endian ELF file, if any. */
  static Optional<String> interpreter(Path elf) throws IOException {
    byte[] b = Files.readAllBytes(elf);
    java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    if (b.length < 64 || b[4] != 2 || b[5] != 1) {
      throw new IOException(elf + " is not a 64-bit little-endian ELF file");
    }
    long phoff = buf.getLong(0x20);
    int phentsize = Short.toUnsignedInt(buf.getShort(0x36));
    int phnum = Short.toUnsignedInt(buf.getShort(0x38));
    for (int i = 0; i < phnum; i++) {
      int at = (int) (phoff + (long) i * phentsize);
      if (buf.getInt(at) == 3) {
        int offset = (int) buf.getLong(at + 0x08);
        int size = (int) buf.getLong(at + 0x20);
        return Optional.of(new String(b, offset, size, StandardCharsets.US_ASCII).replace("\0", "").trim());
      }
    }
    return Optional.empty();
  }

  private static boolean isElf(Path p) {
    try (InputStream in = Files.newInputStream(p)) {
      byte[] magic = in.readNBytes(6);
      return magic.length == 6 && magic[0] == 0x7f && magic[1] == 'E' && magic[2] == 'L' && magic[3] == 'F'
          && magic[4] == 2 && magic[5] == 1; // 64-bit, little-endian: what interpreter() reads
    } catch (IOException e) {
      return false;
    }
  }
}
