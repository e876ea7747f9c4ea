package io.statectl.shell.engine;

import java.io.PrintStream;

/** An {@link Output} over two print streams, normally the process's stdout and stderr. */
public final class StreamOutput implements Output {
  private final PrintStream out;
  private final PrintStream err;
  private final boolean interactive;

  public StreamOutput(PrintStream out, PrintStream err, boolean interactive) {
    this.out = out;
    this.err = err;
    this.interactive = interactive;
  }

  @Override
  public synchronized void result(String line) {
    out.println(line);
  }

  @Override
  public synchronized void message(String line) {
    err.println(line);
  }

  @Override
  public boolean interactive() {
    return interactive;
  }
}
