package io.statectl.shell.engine.tools;

import io.statectl.shell.engine.Output;
import io.statectl.shell.engine.Request;

public final class DoctorHandler {
  private final Output out;

  public DoctorHandler(Output out) {
    this.out = out;
  }

  public int doctor(Request.Doctor r) {
    throw new UnsupportedOperationException("not yet");
  }
}
