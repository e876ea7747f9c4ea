package io.statectl.kernel.sandbox;

import io.statectl.kernel.process.Processes;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs builders under bubblewrap: a fresh mount namespace holding only the read-only input
 * closure, the private build directory at {@value Sandbox#BUILD_DIR}, a writable scratch directory
 * at the store directory (where the outputs appear; the inputs are mounted into it), {@code /proc},
 * a minimal {@code /dev} and an empty {@code /tmp}; new user, PID, IPC, UTS and network namespaces
 * (the network is shared only with fixed-output builds); the builder dies with statectl.
 *
 * <p>An input holding {@code nix-support/interpreters} (the bootstrap tools) provides the dynamic
 * loader and libraries: {@code /lib} and {@code /lib64} are links to its {@code lib}, so that
 * host binaries imported into the store run with the imported libraries only; and, as in Nix's
 * sandbox, {@code /bin/sh} is its shell, so that {@code #!/bin/sh} scripts run.
 */
public final class BubblewrapSandbox implements Sandbox {
  private final Path bwrap;

  private BubblewrapSandbox(Path bwrap) {
    this.bwrap = bwrap;
  }

  /**
   * Finds {@code bwrap} on the host's PATH (statectl's own, not a builder's). Whether to use it is
   * the command's choice ({@code --no-sandbox}, {@code store.sandbox}), never this process's
   * environment: a server serves many commands.
   */
  public static Optional<BubblewrapSandbox> detect() {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(":")) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, "bwrap");
      if (Files.isExecutable(candidate)) {
        return Optional.of(new BubblewrapSandbox(candidate));
      }
    }
    return Optional.empty();
  }

  @Override
  public Isolation isolation() {
    return Isolation.ISOLATED;
  }

  @Override
  public String describe() {
    return "bubblewrap (" + bwrap + ")";
  }

  @Override
  public Path hostLocation(Path output, Path scratch) {
    return scratch.resolve(output.getFileName().toString());
  }

  @Override
  public int run(SandboxJob job, OutputStream log) throws InterruptedException {
    List<String> c = new ArrayList<>(List.of(bwrap.toString(), "--unshare-all"));
    if (job.network() == SandboxJob.Network.ALLOWED) {
      c.add("--share-net");
      for (String f : List.of("/etc/resolv.conf", "/etc/hosts", "/etc/ssl", "/etc/nsswitch.conf")) {
        if (Files.exists(Path.of(f))) {
          c.addAll(List.of("--ro-bind", f, f));
        }
      }
    }
    c.addAll(List.of("--die-with-parent", "--new-session", "--clearenv", "--proc", "/proc", "--dev", "/dev",
        "--tmpfs", "/tmp"));
    for (Map.Entry<String, String> e : FixedEnvironment.of(job, BUILD_DIR).entrySet()) {
      c.addAll(List.of("--setenv", e.getKey(), e.getValue()));
    }
    c.addAll(List.of("--bind", job.scratch().toString(), job.storeDir().toString()));
    for (Path p : job.readOnly()) {
      c.addAll(List.of("--ro-bind", p.toString(), p.toString()));
      if (Files.exists(p.resolve("nix-support/interpreters"))) {
        c.addAll(List.of("--symlink", p.resolve("lib").toString(), "/lib",
            "--symlink", p.resolve("lib").toString(), "/lib64",
            "--symlink", p.resolve("bin/sh").toString(), "/bin/sh"));
      }
    }
    c.addAll(List.of("--bind", job.buildDir().toString(), BUILD_DIR));
    c.addAll(List.of("--remount-ro", "/", "--chdir", BUILD_DIR, "--", job.builder()));
    c.addAll(job.args());
    try {
      return Processes.run(c, Map.of(), job.buildDir(), log);
    } catch (IOException e) {
      throw new SandboxException(c.get(0), e.getMessage(), e);
    }
  }
}
