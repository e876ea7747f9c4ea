package io.statectl.shell.cli;

import io.statectl.shell.server.Server;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code statectl server}: runs the resident server of a state directory in the foreground until
 * it is stopped or idle. Hidden: the client starts it on demand; users meet it only as
 * {@code statectl server stop|status}, which the client answers.
 */
@Command(name = "server", hidden = true, mixinStandardHelpOptions = true,
    description = "Run the resident server of a state directory (the client starts it on demand; "
        + "`statectl server stop|status` control it).")
final class ServerCommand implements Callable<Integer> {
  static final Duration DEFAULT_IDLE = Duration.ofHours(3);

  @Mixin StateOptions state;

  @Option(names = "--idle-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Exit after this long without a command: 90s, 30m, 3h, 1d (default: $STATECTL_SERVER_IDLE_TIMEOUT, else 3h).")
  Duration idleTimeout;

  @Override
  public Integer call() {
    Invocation inv = Invocation.current();
    Duration idle = idleTimeout;
    if (idle == null) {
      String env = inv.env().get("STATECTL_SERVER_IDLE_TIMEOUT");
      idle = env == null || env.isEmpty() ? DEFAULT_IDLE : new DurationConverter().convert(env);
    }
    return new Server(state.state(), idle, Run.pluginDir().getParent(), inv.err()).run();
  }

  /** {@code 500ms}, {@code 90s}, {@code 30m}, {@code 3h}, {@code 1d}, or ISO-8601 ({@code PT3H}). */
  static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      String v = value.trim().toLowerCase(Locale.ROOT);
      try {
        if (v.startsWith("p")) {
          return Duration.parse(value.trim().toUpperCase(Locale.ROOT));
        }
        if (v.endsWith("ms")) {
          return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
        }
        long n = Long.parseLong(v.substring(0, v.length() - 1));
        switch (v.charAt(v.length() - 1)) {
          case 's': return Duration.ofSeconds(n);
          case 'm': return Duration.ofMinutes(n);
          case 'h': return Duration.ofHours(n);
          case 'd': return Duration.ofDays(n);
          default: break;
        }
      } catch (RuntimeException e) {
        // fall through to the message below
      }
      throw new CommandLine.TypeConversionException("'" + value + "' is not a duration; write e.g. 90s, 30m, 3h or 1d");
    }
  }
}
