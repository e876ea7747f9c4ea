package io.statectl.shell.cli;

import io.statectl.shell.engine.session.WaitTimeout;
import picocli.CommandLine.Option;

/** {@code --wait-timeout}, for commands that change the state directory. */
public final class WaitOptions {
  @Option(names = "--wait-timeout", paramLabel = "DURATION",
      description = "If another statectl is changing the state directory, wait at most this long (e.g. 30s, 5m, 0 "
          + "for not at all) before failing with STC-E021 (default: wait until it finishes).")
  String waitTimeout;

  WaitTimeout waitTimeout() {
    return waitTimeout == null ? WaitTimeout.FOREVER : WaitTimeout.atMost(Durations.parse(waitTimeout, "--wait-timeout"));
  }
}
