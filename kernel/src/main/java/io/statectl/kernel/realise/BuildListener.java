package io.statectl.kernel.realise;

import io.statectl.kernel.derivation.Derivation;
import io.statectl.kernel.store.StorePath;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Hears what the realiser does, for progress display and the event log. Called from build
 * threads, concurrently: implementations must be thread-safe. Default methods ignore.
 */
public interface BuildListener {

  /** The plan: how many derivations will be built, how many were already valid. */
  default void planned(int toBuild, int alreadyValid) {}

  /** The builder of {@code drv} starts (its lock is held; nobody else builds it). */
  default void started(StorePath drv, Derivation d) {}

  default void succeeded(StorePath drv, Derivation d, Duration took, Path log) {}

  /**
   * The outputs of the {@link #succeeded} calls since the last call are registered, all in one
   * commit: a listener that records builds durably may buffer them until here and write them at
   * once. Called on the thread that made those calls.
   */
  default void committed() {}

  default void failed(StorePath drv, Derivation d, String reason, Duration took, Path log) {}

  /** {@code drv} will not be built because {@code dependency} failed, or the run stopped. */
  default void skipped(StorePath drv, Derivation d, String why) {}

  BuildListener NONE = new BuildListener() {};
}
