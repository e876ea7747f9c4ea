package io.statectl.shell.engine.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.statectl.events.log.ChainHead;
import io.statectl.kernel.state.StateDirectory;
import io.statectl.shell.engine.Engine;
import io.statectl.shell.engine.Output;
import io.statectl.shell.engine.PhaseTimer;
import io.statectl.shell.engine.Request;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The engine's own read requests, run in this process with their output captured, so a page shows
 * what the command would print (its JSON parsed, or its text).
 */
final class Reads {
  /** What a request printed, and its exit code. */
  record Result(int exit, String out, String err) {
    boolean ok() {
      return exit == 0;
    }
  }

  private final StateDirectory state;
  private final Path pluginDir;
  private final ObjectMapper json = new ObjectMapper();

  Reads(StateDirectory state, Path pluginDir) {
    this.state = state;
    this.pluginDir = pluginDir;
  }

  StateDirectory state() {
    return state;
  }

  Result run(Request request) {
    StringBuilder out = new StringBuilder();
    StringBuilder err = new StringBuilder();
    Output capture = new Output() {
      @Override public synchronized void result(String line) { out.append(line).append('\n'); }
      @Override public synchronized void message(String line) { err.append(line).append('\n'); }
      @Override public boolean interactive() { return false; }
    };
    int rc = new Engine(pluginDir, capture, new PhaseTimer(false)).handle(request);
    return new Result(rc, out.toString(), err.toString());
  }

  /** The request's JSON output; an empty array when it printed nothing or not JSON. */
  JsonNode json(Result r) {
    try {
      return r.out().isBlank() ? json.createArrayNode() : json.readTree(r.out());
    } catch (IOException e) {
      return json.createArrayNode();
    }
  }

  /**
   * The log's last committed sequence, from the anchored head file beside it (no LMDB open, so
   * polling it every second costs a file read); 0 before the first event or while unreadable.
   */
  long head() {
    try {
      return ChainHead.read(state.events()).map(ChainHead::sequence).orElse(0L);
    } catch (RuntimeException e) {
      return 0L;
    }
  }
}
