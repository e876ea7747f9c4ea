package io.statectl.shell.engine;

import java.util.Map;

/**
 * Who a request runs for, as far as the engine needs to know: a description for the writer lock
 * (so that a waiting user is told who holds it), the request's {@link Cancellation}, and whether
 * internal errors print stack traces.
 */
public record Caller(String description, Cancellation cancellation, Diagnostics diagnostics) {

  /** Whether an internal error prints its stack trace ({@code STATECTL_TRACE}). */
  public enum Diagnostics { PLAIN, STACK_TRACES }

  /** A command run by this very process, with its environment. */
  public static Caller thisProcess(Map<String, String> env) {
    return new Caller("pid " + ProcessHandle.current().pid(), Cancellation.forRequest(env), diagnostics(env));
  }

  /** A command the server runs for a client process. */
  public static Caller client(long clientPid, String command, Cancellation cancellation, Map<String, String> env) {
    return new Caller("statectl server pid " + ProcessHandle.current().pid() + " running `statectl " + command
        + "` for pid " + clientPid, cancellation, diagnostics(env));
  }

  private static Diagnostics diagnostics(Map<String, String> env) {
    return env.get("STATECTL_TRACE") != null ? Diagnostics.STACK_TRACES : Diagnostics.PLAIN;
  }
}
