package io.statectl.events.log;

import org.lmdbjava.Meta;

/**
 * Binds LMDB's native library ahead of the first environment a command opens.
 *
 * <p>lmdbjava binds {@code liblmdb} through jnr-ffi when its {@code Library} class initialises, which
 * costs a few hundred milliseconds on a cold JVM and is not helped by class-data sharing (see
 * STACK-NOTES, "lmdbjava"). A server that has just started is usually idle for that long while its
 * first client connects and parses its command line, so doing the binding on a background thread
 * takes it off that command's path. The JVM's class-initialisation lock makes a command that gets
 * there first simply wait for the same binding.
 */
public final class LmdbBinding {
  private LmdbBinding() {}

  /** Starts the binding on a daemon thread and returns at once. */
  public static void preloadInBackground() {
    Thread t = new Thread(LmdbBinding::bind, "statectl-lmdb-binding");
    t.setDaemon(true);
    t.start();
  }

  private static void bind() {
    try {
      Meta.version();
    } catch (RuntimeException | LinkageError e) {
      // The command that opens an environment reports the same failure with its context.
    }
  }
}
