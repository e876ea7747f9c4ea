package io.statectl.shell.engine.tools;

import io.statectl.shell.engine.Output;
import io.statectl.shell.engine.Request;

public final class InitHandler {
  private final Output out;

  public InitHandler(Output out) {
    this.out = out;
  }

  public int init(Request.Init r) {
    throw new UnsupportedOperationException("not yet");
  }
}
