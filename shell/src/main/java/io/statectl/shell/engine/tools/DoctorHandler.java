package io.statectl.shell.engine.tools;

import io.statectl.client.ServerFiles;
import io.statectl.shell.engine.Output;
import io.statectl.shell.engine.Request;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code statectl doctor}: checks what statectl needs on this machine and prints each result with
 * how to fix it. A {@link Level#FAIL} blocks commands (exit 1, STC-E222); a {@link Level#WARN}
 * limits some (no age: no secrets; no systemd: no services).
 */
public final class DoctorHandler {
  /** How bad a finding is. */
  enum Level { OK, WARN, FAIL }

  /** One check's outcome: what was found and, unless OK, how to fix it. */
  record Finding(Level level, String check, String found, String fix) {}

  private static final long LOW_SPACE = 1L << 30;
  private final Output out;

  public DoctorHandler(Output out) {
    this.out = out;
  }

  public int doctor(Request.Doctor r) {
    List<Finding> all = new ArrayList<>();
    boolean linux = System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("linux");
    if (linux) {
      all.add(userNamespaces());
      all.add(tool("bubblewrap", List.of("bwrap", "--ro-bind", "/", "/", "--unshare-user", "--", "true"), Level.FAIL,
          "builds run sandboxed in bubblewrap: apt-get install bubblewrap (and allow user namespaces)"));
      all.add(tool("systemd", List.of("systemctl", "--version"), Level.WARN,
          "services.* need systemd: without it, units are written but not started"));
    }
    all.add(store(r.state().root()));
    all.add(lock(r.state().writerLock()));
    all.add(server(new ServerFiles(r.state().root())));
    all.add(tool("git", List.of("git", "--version"), Level.WARN,
        "install git: init makes a git repository and generations record the commit they came from"));
    all.add(tool("age", List.of("age", "--version"), Level.WARN, "install age (apt-get install age): secrets are age files"));
    int failures = 0;
    for (Finding f : all) {
      out.result(String.format("%-4s %-16s %s", f.level(), f.check(), f.found()));
      if (f.level() != Level.OK) {
        out.result("     fix: " + f.fix());
      }
      failures += f.level() == Level.FAIL ? 1 : 0;
    }
    if (failures > 0) {
      throw ToolsException.blocked(failures);
    }
    return 0;
  }

  private static Finding userNamespaces() {
    Path max = Path.of("/proc/sys/user/max_user_namespaces");
    Path clone = Path.of("/proc/sys/kernel/unprivileged_userns_clone");
    try {
      if (Files.isReadable(max) && Files.readString(max).trim().equals("0")) {
        return new Finding(Level.FAIL, "user namespaces", "disabled (" + max + " is 0)", "sysctl -w user.max_user_namespaces=15000");
      }
      if (Files.isReadable(clone) && Files.readString(clone).trim().equals("0")) {
        return new Finding(Level.FAIL, "user namespaces", "disabled for unprivileged users (" + clone + " is 0)",
            "sysctl -w kernel.unprivileged_userns_clone=1");
      }
    } catch (IOException e) {
      return new Finding(Level.WARN, "user namespaces", "could not read " + max + ": " + e.getMessage(), "check /proc is mounted");
    }
    return new Finding(Level.OK, "user namespaces", "enabled", "");
  }

  private static Finding tool(String name, List<String> cmd, Level missing, String fix) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String text = new String(p.getInputStream().readAllBytes()).trim();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new Finding(missing, name, "`" + String.join(" ", cmd) + "` did not answer in 10 s", fix);
      }
      if (p.exitValue() != 0) {
        return new Finding(missing, name, "`" + String.join(" ", cmd) + "` failed: " + firstLine(text), fix);
      }
      return new Finding(Level.OK, name, text.isEmpty() ? "works" : firstLine(text), "");
    } catch (IOException e) {
      return new Finding(missing, name, "not installed (" + cmd.get(0) + " is not on PATH)", fix);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Finding(missing, name, "interrupted", fix);
    }
  }

  private static Finding store(Path root) {
    Path probe = root;
    while (probe != null && !Files.exists(probe)) {
      probe = probe.getParent();
    }
    if (probe == null || !Files.isDirectory(probe) || !Files.isWritable(probe)) {
      return new Finding(Level.FAIL, "state directory", root + " cannot be created or written (nearest existing: " + probe + ")",
          "fix its permissions (chown/chmod) or pass --state-dir DIR that you own");
    }
    try {
      long free = Files.getFileStore(probe).getUsableSpace();
      String where = Files.exists(root) ? root.toString() : root + " (not created yet)";
      if (free < LOW_SPACE) {
        return new Finding(Level.WARN, "state directory", where + ", only " + (free >> 20) + " MiB free",
            "free space, or `statectl gc --older-than 30d` to remove old generations");
      }
      return new Finding(Level.OK, "state directory", where + ", writable, " + (free >> 30) + " GiB free", "");
    } catch (IOException e) {
      return new Finding(Level.WARN, "state directory", "free space unknown: " + e.getMessage(), "check the file system of " + root);
    }
  }

  private static final Pattern PID = Pattern.compile("pid\\D{0,3}(\\d+)");

  /**
   * The writer lock is an OS file lock, released when its holder dies; what can go stale is the
   * holder's record in the file. Held with a holder that no longer runs means another pid namespace
   * (a container) holds it.
   */
  private static Finding lock(Path lock) {
    if (!Files.exists(lock)) {
      return new Finding(Level.OK, "writer lock", "free", "");
    }
    long pid = -1;
    try {
      Matcher m = PID.matcher(Files.readString(lock));
      if (m.find()) {
        pid = Long.parseLong(m.group(1));
      }
    } catch (IOException | NumberFormatException e) {
      return new Finding(Level.WARN, "writer lock", "unreadable: " + e.getMessage(), "delete " + lock + " if no statectl runs");
    }
    boolean alive = pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(lock, java.nio.file.StandardOpenOption.WRITE)) {
      java.nio.channels.FileLock l = ch.tryLock();
      if (l != null) {
        l.release();
        return new Finding(alive || pid < 0 ? Level.OK : Level.WARN, "writer lock",
            alive || pid < 0 ? "free" : "free, but its record names pid " + pid + ", which is not running (stale record)",
            "harmless: the next command takes the lock over and rewrites it; delete " + lock + " to tidy up");
      }
    } catch (java.nio.channels.OverlappingFileLockException e) {
      return new Finding(Level.OK, "writer lock", "held by this statectl server", "");
    } catch (IOException e) {
      return new Finding(Level.WARN, "writer lock", "cannot be opened: " + e.getMessage(), "check the permissions of " + lock);
    }
    if (alive) {
      return new Finding(Level.OK, "writer lock", "held by pid " + pid + " (a running statectl)", "");
    }
    return new Finding(Level.WARN, "writer lock", "held, but its record names pid " + pid + ", which is not running here",
        "another pid namespace (a container) holds it; stop that statectl");
  }

  private static Finding server(ServerFiles files) {
    Path pidFile = files.pidFile();
    if (!Files.exists(pidFile)) {
      return new Finding(Level.OK, "server", "not running (the next command starts it)", "");
    }
    try {
      long pid = Long.parseLong(Files.readString(pidFile).trim().split("\\s+")[0]);
      if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
        return new Finding(Level.OK, "server", "running, pid " + pid + ", socket " + files.socket(), "");
      }
      return new Finding(Level.WARN, "server", "pid file names pid " + pid + ", which is not running",
          "`statectl server stop` or delete " + pidFile + "; the log is " + files.log());
    } catch (IOException | RuntimeException e) {
      return new Finding(Level.WARN, "server", "pid file unreadable: " + e.getMessage(), "`statectl server stop`");
    }
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
