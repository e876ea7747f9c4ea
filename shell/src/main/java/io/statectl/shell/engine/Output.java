package io.statectl.shell.engine;

/**
 * The output port: every byte a command prints goes through here, never {@code System.out}, so
 * that the engine does not know which process it runs in (a resident server streams the same
 * calls to a client). Implementations are thread-safe.
 */
public interface Output {

  /** A line of the command's result (stdout). */
  void result(String line);

  /** A line of progress, warnings and errors (stderr). */
  void message(String line);

  /** Whether the result side is a terminal (tables may then use colour and width). */
  boolean interactive();
}
