package io.statectl.kernel.sandbox;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One run of a builder: what it runs, what it sees, and where it may write.
 *
 * @param builder absolute path of the program (inside the input closure)
 * @param args its arguments
 * @param env the derivation's environment; the sandbox adds its fixed variables on top
 * @param readOnly absolute store paths visible read-only: the input closure, nothing more
 * @param buildDir the private writable build directory on the host
 * @param storeDir the store directory, as the builder sees it
 * @param scratch a fresh host directory that an isolating sandbox shows at {@code storeDir}
 *     (with the inputs mounted into it read-only), so the builder creates its outputs there
 * @param network whether the network is reachable
 */
public record SandboxJob(String builder, List<String> args, SortedMap<String, String> env, SortedSet<Path> readOnly,
    Path buildDir, Path storeDir, Path scratch, Network network) {

  /** Network access of a build: only fixed-output builds get it. */
  public enum Network { NONE, ALLOWED }

  public SandboxJob {
    Objects.requireNonNull(builder, "builder");
    Objects.requireNonNull(buildDir, "buildDir");
    Objects.requireNonNull(network, "network");
    args = List.copyOf(args);
    env = Collections.unmodifiableSortedMap(new TreeMap<>(env));
    readOnly = Collections.unmodifiableSortedSet(new TreeSet<>(readOnly));
    Objects.requireNonNull(storeDir, "storeDir");
    Objects.requireNonNull(scratch, "scratch");
  }
}
