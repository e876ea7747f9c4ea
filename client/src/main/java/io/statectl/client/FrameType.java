package io.statectl.client;

/**
 * The kinds of frame on the client–server socket. A closed set: a frame of an unknown kind ends
 * the connection. Codes are part of the wire format; see {@link Frames}.
 */
public enum FrameType {
  /** Client → server: run a command ({@link RunRequest}). */
  RUN(1),
  /** Client → server: the user pressed Ctrl-C; stop at the next safe point. */
  CANCEL(2),
  /** Client → server: finish running commands, then exit. */
  STOP(3),
  /** Client → server: describe yourself. */
  STATUS(4),
  /** Server → client: bytes for the client's stdout. */
  STDOUT(10),
  /** Server → client: bytes for the client's stderr. */
  STDERR(11),
  /** Server → client: the command finished with this exit code (a 4-byte int); the last frame. */
  EXIT(12),
  /** Server → client: the server is from another build (payload: its build id); nothing was run. */
  WRONG_BUILD(13),
  /** Server → client: a UTF-8 text answer to STATUS or STOP. */
  TEXT(14),
  /** Server → client: the request was accepted and runs; before this, nothing was run. */
  ACCEPTED(15);

  private final int code;

  FrameType(int code) {
    this.code = code;
  }

  int code() {
    return code;
  }

  static FrameType of(int code) {
    for (FrameType t : values()) {
      if (t.code == code) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown frame type " + code);
  }
}
