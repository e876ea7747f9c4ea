package io.statectl.kernel.boot;

/**
 * The {@code init} of every bootable system generation: the kernel (or a container runtime) runs it
 * as PID 1 ({@code init=<generation>/init} in its boot entry). It mounts what a JVM needs if
 * nothing has ({@code /proc}, a writable {@code /}, a tmpfs {@code /run}), runs statectl's
 * boot-time activation — which activates the generation this boot asked for, the one-shot
 * choice, or the default — and then execs systemd with its arguments, whether the activation
 * worked or not: a broken generation must not keep the machine from coming up, so that
 * {@code statectl boot --once N} can bring an older one back.
 *
 * <p>The script names no generation or store path: it finds its own directory through {@code $0},
 * so it is the same bytes in every generation. statectl is {@code $STATECTL}, else {@code statectl}
 * on a PATH that starts with {@code /run/current-system/sw/bin}.
 */
public final class InitScript {
  /** Where it lives in a generation. */
  public static final String PATH = "init";

  public static final String TEXT = """
      #!/bin/sh
      # statectl: activate this boot's generation, then hand PID 1 over to systemd.
      PATH=/run/current-system/sw/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
      export PATH
      self=$(cd "$(dirname "$0")" && pwd -P)
      n=
      for w in "$@"; do
        case "$w" in statectl.generation=*) n=${w#statectl.generation=} ;; esac
      done
      if [ -z "$container" ] && [ -z "$n" ] && [ -r /proc/cmdline ]; then
        for w in $(cat /proc/cmdline); do
          case "$w" in statectl.generation=*) n=${w#statectl.generation=} ;; esac
        done
      fi
      [ -r /proc/self/stat ] || mount -t proc proc /proc
      touch /.statectl-rw 2>/dev/null && rm -f /.statectl-rw || mount -o remount,rw /
      grep -q ' /run ' /proc/mounts || mount -t tmpfs -o mode=0755,nosuid,nodev tmpfs /run
      if ! "${STATECTL:-statectl}" boot --activate-at-boot --init "$self/init" ${n:+--generation "$n"} \\
          --root / --state-dir /var/lib/statectl --no-server; then
        echo "statectl: the boot-time activation failed; starting systemd with / as it is" >&2
      fi
      exec /lib/systemd/systemd "$@"
      """;

  private InitScript() {}
}
