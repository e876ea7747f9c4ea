package io.statectl.client;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) and SIGTERM handling for the client: while a command runs they become a cancel
 * request to the server instead of killing the client, so the server can stop cleanly and the
 * client still prints what it says. Uses {@code sun.misc.Signal} (module jdk.unsupported), the
 * only JDK API for it.
 */
final class Signals {
  private static volatile Runnable handler;
  private static boolean installed;

  private Signals() {}

  /** A class, not a lambda: a lambda costs the client's short, interpreted JVM its bootstrap. */
  private static final class Forwarder implements SignalHandler {
    @Override
    public void handle(Signal s) {
      Runnable h = handler;
      if (h != null) {
        h.run();
      } else {
        Runtime.getRuntime().halt(128 + s.getNumber());
      }
    }
  }

  /** Routes SIGINT and SIGTERM to {@code action} from now on; {@code null} restores exiting on them. */
  static synchronized void onInterrupt(Runnable action) {
    handler = action;
    if (!installed) {
      installed = true;
      for (String name : new String[] {"INT", "TERM"}) {
        try {
          Signal.handle(new Signal(name), new Forwarder());
        } catch (IllegalArgumentException e) {
          // the signal is ignored by our parent (a background job) or reserved: nothing to forward
        }
      }
    }
  }
}
