package io.statectl.shell.engine.tools;

import io.statectl.kernel.ErrorCode;
import io.statectl.kernel.KernelException;
import java.nio.file.Path;

/** A refusal of {@code init}, {@code ui} or {@code doctor}; carries the path or address at fault. */
public final class ToolsException extends KernelException {
  private static final long serialVersionUID = 1L;
  private final ErrorCode code;
  private final String culprit;

  private ToolsException(ErrorCode code, String culprit, String message) {
    super(message);
    this.code = code;
    this.culprit = culprit;
  }

  static ToolsException notEmpty(Path dir) {
    return new ToolsException(ErrorCode.INIT_TARGET_NOT_EMPTY, dir.toString(), dir + " is not empty; init writes a new "
        + "configuration repository\n  hint: choose an empty or new directory, or pass --force to write into this one");
  }

  static ToolsException adopt(String file, String why) {
    return new ToolsException(ErrorCode.ADOPT_FAILED, file, "cannot adopt " + file + ": " + why
        + "\n  hint: name regular files relative to the home (e.g. .bashrc); nothing was moved or written");
  }

  /** {@code ui --listen ADDRESS} on a non-loopback address without {@code --allow-remote}. */
  public static ToolsException remote(String address) {
    return new ToolsException(ErrorCode.UI_LISTEN_REFUSED, address, "refusing to listen on " + address
        + ": it is not a loopback address, and the web view shows this machine's whole history to anyone who can "
        + "reach it\n  hint: listen on 127.0.0.1 (the default) and tunnel with ssh -L, or pass --allow-remote");
  }

  static ToolsException blocked(int failures) {
    return new ToolsException(ErrorCode.DOCTOR_BLOCKER, "doctor", failures + " check(s) failed; fix them as printed above");
  }

  /** What the refusal is about: the directory, file or address. */
  public String culprit() {
    return culprit;
  }

  @Override
  public ErrorCode code() {
    return code;
  }
}
