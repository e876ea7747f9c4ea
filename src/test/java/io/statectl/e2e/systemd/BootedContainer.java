package io.statectl.e2e.systemd;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Debian bookworm with a real systemd as PID 1, booted with {@code systemd-nspawn -b} for one
 * test class (see REAL-COMPONENTS.md): the rootfs is debootstrapped once and cached as a zstd
 * tarball under {@code /var/cache/statectl-test}, unpacked once per JVM as the read-only lower
 * layer of an overlay whose upper layer is the container's own, so every boot starts clean. The
 * host's JDK and the assembled {@code shell/target/app} are bound read-only; commands run inside
 * with {@code nsenter -t LEADER -a}. {@link #close} powers it off (SIGRTMIN+4 to its PID 1) and
 * removes the cgroups it was started in.
 */
public final class BootedContainer implements AutoCloseable {
  static final Path CACHE = Path.of("/var/cache/statectl-test/bookworm-systemd.tar.zst");
  static final String MIRROR_FALLBACK = "http://deb.debian.org/debian";
  private static final Path LOWER = Path.of("target/statectl-test/bookworm-lower").toAbsolutePath();
  private static final String[] CGROUP_HIERARCHIES = {"/sys/fs/cgroup/systemd", "/sys/fs/cgroup/unified"};
  /** Where the assembled application and the JDK appear inside. */
  public static final String APP = "/opt/statectl";

  private final String name;
  private final Process nspawn;
  private final long leader;
  private final Path upper;
  private final Path shared;
  private final String javaHome;
  private final List<Path> cgroups;

  /** A finished command inside the container. */
  public record Ran(int exitCode, String out, String err) {
    public Ran ok() {
      if (exitCode != 0) {
        throw new AssertionError("exit " + exitCode + "\nstdout:\n" + out + "\nstderr:\n" + err);
      }
      return this;
    }
  }

  private BootedContainer(String name, Process nspawn, long leader, Path upper, Path shared, String javaHome,
      List<Path> cgroups) {
    this.name = name;
    this.nspawn = nspawn;
    this.leader = leader;
    this.upper = upper;
    this.shared = shared;
    this.javaHome = javaHome;
    this.cgroups = cgroups;
  }

  /** Fails in CI, skips elsewhere, when this machine cannot boot a container. */
  public static void requireSupport() {
    List<String> missing = new ArrayList<>();
    for (String tool : List.of("/usr/bin/systemd-nspawn", "/usr/sbin/debootstrap", "/usr/bin/zstd", "/usr/bin/nsenter")) {
      if (!Files.isExecutable(Path.of(tool))) {
        missing.add(tool);
      }
    }
    boolean root = "root".equals(System.getProperty("user.name"));
    boolean cgroupV1Hybrid = Files.isDirectory(Path.of(CGROUP_HIERARCHIES[0]));
    String why = !missing.isEmpty()
        ? "missing " + missing + ": apt-get install -y --no-install-recommends systemd-container debootstrap zstd util-linux"
        : !root ? "booting a container needs root" : !cgroupV1Hybrid ? "no /sys/fs/cgroup/systemd hierarchy" : "";
    if (!why.isEmpty()) {
      if ("true".equals(System.getenv("CI"))) {
        fail("cannot boot a systemd container: " + why);
      }
      assumeTrue(false, why);
    }
  }

  /**
   * Boots a container; {@code shared} is bound read-write at {@code /shared} (configurations the
   * test writes from outside).
   */
  public static BootedContainer boot(String name, Path work, Path app) throws IOException, InterruptedException {
    requireSupport();
    Path lower = lower();
    Path upper = Files.createDirectories(LOWER.resolveSibling("upper-" + name + "-" + ProcessHandle.current().pid()));
    return start(name, work, app, upper, "-D " + lower + " --overlay=" + lower + ":" + upper + ":/", "-b",
        Duration.ofSeconds(20));
  }

  /**
   * A fresh, writable copy of the cached rootfs in {@code dir} (not an overlay: {@code install}
   * writes into it from outside before it is booted with {@link #bootRoot}).
   */
  public static Path unpackRootfs(Path dir) throws IOException, InterruptedException {
    requireSupport();
    Files.createDirectories(dir);
    run(List.of("/bin/sh", "-c", "zstd -q -d -c " + tarball() + " | tar --numeric-owner -x -C " + dir), "unpack");
    return dir;
  }

  /**
   * Boots {@code root} itself (changes stay in it) with {@code init} as PID 1 instead of {@code -b}'s
   * search, e.g. a generation's {@code init}, which runs statectl before it execs systemd; {@code
   * env} is set for PID 1 ({@code --setenv}). The leader may take a JVM's start to become systemd.
   */
  public static BootedContainer bootRoot(String name, Path work, Path app, Path root, String init,
      java.util.Map<String, String> env) throws IOException, InterruptedException {
    requireSupport();
    StringBuilder tail = new StringBuilder();
    env.forEach((k, v) -> tail.append(" --setenv=").append(k).append('=').append(v));
    tail.append(' ').append(init);
    return start(name, work, app, null, "-D " + root, tail.toString().strip(), Duration.ofSeconds(90));
  }

  /** Polls (at most 60 s) until {@code unit} is active; returns its last ActiveState. */
  public String awaitActive(String unit) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    String state = activeState(unit);
    while (!state.equals("active") && !state.equals("failed") && System.nanoTime() < deadline) {
      Thread.sleep(100);
      state = activeState(unit);
    }
    return state;
  }

  /** The directory of the host's JDK, as it is bound inside. */
  public String javaHome() {
    return javaHome;
  }

  private static BootedContainer start(String name, Path work, Path app, Path upper, String directory, String tail,
      Duration leaderTimeout) throws IOException, InterruptedException {
    Path shared = Files.createDirectories(work.resolve("shared"));
    String javaHome = Path.of(System.getProperty("java.home")).toRealPath().toString();
    List<Path> cgroups = new ArrayList<>();
    String group = "statectl-test-" + name + "-" + ProcessHandle.current().pid();
    StringBuilder enter = new StringBuilder();
    for (String h : CGROUP_HIERARCHIES) {
      if (Files.isDirectory(Path.of(h))) {
        Path g = Files.createDirectories(Path.of(h, group));
        cgroups.add(g);
        enter.append("echo $$ > ").append(g.resolve("cgroup.procs")).append(" && ");
      }
    }
    List<String> argv = List.of("/bin/sh", "-c", enter + "exec setsid systemd-nspawn -q " + directory
        + " -M " + name + " --register=no --keep-unit --console=passive"
        + " --bind-ro=" + javaHome + jdkConfigBinds(Path.of(javaHome)) + " --bind-ro=" + app.toAbsolutePath() + ":" + APP
        + " --bind=" + shared + ":/shared " + tail);
    Process nspawn = new ProcessBuilder(argv).redirectErrorStream(true)
        .redirectOutput(work.resolve("nspawn.log").toFile()).start();
    long leader = waitForLeader(nspawn, leaderTimeout);
    BootedContainer c = new BootedContainer(name, nspawn, leader, upper, shared, javaHome, cgroups);
    try {
      c.waitUntilRunning(work, upper == null);
    } catch (RuntimeException | Error e) {
      c.close();
      throw e;
    }
    return c;
  }

  /** The host directory seen inside as {@code /shared}. */
  public Path shared() {
    return shared;
  }

  /** The PID (on the host) of the container's systemd. */
  public long leader() {
    return leader;
  }

  /** Runs a command in all of the container's namespaces, with a plain root environment. */
  public Ran exec(String... command) {
    List<String> argv = new ArrayList<>(List.of("nsenter", "-t", String.valueOf(leader), "-a", "env", "-i",
        "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOME=/root", "LANG=C.UTF-8",
        "JAVA_HOME=" + javaHome, "STATECTL_NO_SERVER=1", "STATECTL_CDS=0", "SYSTEMD_PAGER=", "SYSTEMD_COLORS=0"));
    argv.addAll(List.of(command));
    try {
      Process p = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
          .start();
      var err = java.util.concurrent.CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
      String out = read(p.getInputStream());
      if (!p.waitFor(5, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new AssertionError("timed out: " + argv);
      }
      return new Ran(p.exitValue(), out, err.join());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Runs the assembled statectl inside, as the machine's administrator would. */
  public Ran statectl(String... args) {
    List<String> argv = new ArrayList<>(List.of(APP + "/bin/statectl"));
    argv.addAll(List.of(args));
    return exec(argv.toArray(String[]::new));
  }

  /** {@code systemctl show -p MainPID --value UNIT}. */
  public long mainPid(String unit) {
    return Long.parseLong(exec("systemctl", "show", "-p", "MainPID", "--value", unit).out().strip());
  }

  public String activeState(String unit) {
    return exec("systemctl", "show", "-p", "ActiveState", "--value", unit).out().strip();
  }

  /**
   * Until systemd reports the boot finished; with {@code started}, until it has left
   * initialisation: in a root booted from a plain directory, dbus-daemon's start job hangs here
   * ("Cannot setup inotify for /usr/share/dbus-1/system.d: Permission denied"), keeping systemd
   * "starting" long after the declared units run (docs/architecture.md, issue 19 debt).
   */
  private void waitUntilRunning(Path work, boolean started) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    String state = "";
    while (System.nanoTime() < deadline) {
      if (!nspawn.isAlive()) {
        throw new AssertionError("systemd-nspawn exited " + nspawn.exitValue() + ": " + log(work));
      }
      state = exec("systemctl", "is-system-running").out().strip();
      if (state.equals("running") || state.equals("degraded") || started && state.equals("starting")) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the container did not finish booting (" + state + "): " + log(work)
        + "\njobs:\n" + exec("systemctl", "list-jobs", "--no-pager").out()
        + "\nfailed:\n" + exec("systemctl", "--failed", "--no-pager").out());
  }

  private static String log(Path work) {
    try {
      return Files.readString(work.resolve("nspawn.log"));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  private static long waitForLeader(Process nspawn, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      // nspawn's first child is a short-lived outer child; the leader is the one that became systemd
      var child = nspawn.toHandle().children().filter(BootedContainer::isSystemd).findFirst();
      if (child.isPresent()) {
        return child.get().pid();
      }
      if (!nspawn.isAlive()) {
        throw new AssertionError("systemd-nspawn exited " + nspawn.exitValue() + " before booting");
      }
      Thread.sleep(20);
    }
    throw new AssertionError("systemd-nspawn started no systemd within " + timeout.toSeconds() + " s");
  }

  /**
   * Debian's JDK links its configuration (java.security, cacerts) to {@code /etc}: those
   * directories are bound too, or the JDK cannot start inside.
   */
  private static String jdkConfigBinds(Path javaHome) throws IOException {
    java.util.TreeSet<Path> dirs = new java.util.TreeSet<>();
    try (Stream<Path> s = Files.walk(javaHome)) {
      s.filter(Files::isSymbolicLink).forEach(l -> {
        try {
          Path real = l.toRealPath();
          if (real.startsWith("/etc") && !real.startsWith(javaHome)) {
            dirs.add(real.getParent());
          }
        } catch (IOException e) {
          // a dangling link the JDK does not need either
        }
      });
    }
    StringBuilder b = new StringBuilder();
    Path last = null;
    for (Path d : dirs) {
      if (last == null || !d.startsWith(last)) {
        b.append(" --bind-ro=").append(d);
        last = d;
      }
    }
    return b.toString();
  }

  private static boolean isSystemd(ProcessHandle p) {
    try {
      return Files.readString(Path.of("/proc", String.valueOf(p.pid()), "comm")).strip().equals("systemd");
    } catch (IOException e) {
      return false;
    }
  }

  /** The unpacked rootfs, shared read-only by every container of this JVM (the overlay's lower layer). */
  private static synchronized Path lower() throws IOException, InterruptedException {
    Path done = LOWER.resolveSibling("bookworm-lower.complete");
    if (Files.exists(done) && Files.isDirectory(LOWER)
        && Files.getLastModifiedTime(done).compareTo(Files.getLastModifiedTime(tarball())) >= 0) {
      return LOWER;
    }
    deleteTree(LOWER);
    Files.createDirectories(LOWER);
    run(List.of("/bin/sh", "-c", "zstd -q -d -c " + tarball() + " | tar --numeric-owner -x -C " + LOWER), "unpack");
    Files.writeString(done, "");
    return LOWER;
  }

  /** The cached rootfs tarball, made once by debootstrap (about 40 s) when missing. */
  static synchronized Path tarball() throws IOException, InterruptedException {
    if (Files.exists(CACHE)) {
      return CACHE;
    }
    Files.createDirectories(CACHE.getParent());
    Path dir = Files.createTempDirectory(Path.of("/var/tmp"), "statectl-rootfs-");
    try {
      run(List.of("debootstrap", "--variant=minbase", "--include=systemd,dbus,procps", "bookworm", dir.toString(),
          mirror()), "debootstrap");
      Path tmp = CACHE.resolveSibling(CACHE.getFileName() + ".tmp-" + ProcessHandle.current().pid());
      run(List.of("/bin/sh", "-c", "tar --numeric-owner -C " + dir + " -cf - . | zstd -q -T0 -3 -o " + tmp), "pack");
      Files.move(tmp, CACHE, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } finally {
      deleteTree(dir);
    }
    return CACHE;
  }

  /** The Debian mirror this machine's apt uses (the only one reachable in CI). */
  static String mirror() throws IOException {
    List<Path> sources = new ArrayList<>();
    sources.add(Path.of("/etc/apt/sources.list"));
    Path d = Path.of("/etc/apt/sources.list.d");
    if (Files.isDirectory(d)) {
      try (Stream<Path> s = Files.list(d)) {
        s.sorted().forEach(sources::add);
      }
    }
    for (Path f : sources) {
      if (!Files.isRegularFile(f)) {
        continue;
      }
      for (String line : Files.readAllLines(f)) {
        String l = line.strip();
        var m = java.util.regex.Pattern.compile("^(?:URIs:\\s*|deb\\s+(?:\\[[^]]*]\\s+)?)(https?://\\S+)").matcher(l);
        if (m.find() && !m.group(1).contains("security")) {
          return m.group(1);
        }
      }
    }
    return MIRROR_FALLBACK;
  }

  private static void run(List<String> argv, String what) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    String out = read(p.getInputStream());
    if (p.waitFor() != 0) {
      throw new IOException(what + " failed (" + p.exitValue() + "): " + out);
    }
  }

  private static String read(java.io.InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Powers the container off and waits for it; kills it only if poweroff hangs; removes its cgroups. */
  @Override
  public void close() {
    try {
      new ProcessBuilder("kill", "-s", "RTMIN+4", String.valueOf(leader)).start().waitFor();
      if (!nspawn.waitFor(30, TimeUnit.SECONDS)) {
        ProcessHandle.of(leader).ifPresent(ProcessHandle::destroyForcibly);
        nspawn.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      for (Path g : cgroups) {
        removeCgroup(g);
      }
      try {
        if (upper != null) {
          deleteTree(upper);
        }
      } catch (IOException e) {
        // an upper layer left behind is only disk space under target/
      }
    }
  }

  /** cgroups are removed depth first with rmdir (their files cannot be deleted). */
  private static void removeCgroup(Path g) {
    if (!Files.isDirectory(g)) {
      return;
    }
    try (Stream<Path> s = Files.walk(g)) {
      s.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).forEach(d -> {
        try {
          Files.delete(d);
        } catch (IOException e) {
          // still populated: left for the next run; the name carries our pid
        }
      });
    } catch (IOException e) {
      // as above
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try {
      new ProcessBuilder("rm", "-rf", "--one-file-system", dir.toString()).start().waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "container " + name + " (leader " + leader + ")";
  }
}
