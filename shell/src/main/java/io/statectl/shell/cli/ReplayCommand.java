package io.statectl.shell.cli;

import io.statectl.shell.engine.Request;
import io.statectl.shell.engine.inspect.HistoryPoint;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "replay", mixinStandardHelpOptions = true,
    description = {"Rebuild the read models from the event log.",
        "With no point: rebuild the live read models in full (what deleting them does).",
        "With a point: build every read model as of that point into a separate view under <state>/views, "
            + "leaving the live ones alone; with --apply, make the machine match that point: activate the "
            + "generation active then, realising it again from its recorded configuration if gc removed it, "
            + "under the root that activation recorded and with the plugin versions it was built with (refused, "
            + "STC-E124, when those are not installed)."})
final class ReplayCommand implements Callable<Integer> {
  @Mixin StateOptions state;
  @Mixin WaitOptions waitOptions;

  static final class Point {
    @Option(names = "--to-event", paramLabel = "SEQ", description = "Up to and including event SEQ.")
    Long event;

    @Option(names = "--to-generation", paramLabel = "N", description = "Up to the first activation of generation N.")
    Integer generation;

    @Option(names = "--to-time", paramLabel = "ISO8601", description = "Up to the last event at or before this time.")
    String time;
  }

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Point point;

  @Option(names = "--apply", description = "Make the machine match that point (needs a point).")
  boolean apply;

  @Option(names = "--home", paramLabel = "DIR", description = "With --apply: the home (default: the one active then).")
  Path home;

  @Option(names = "--root", paramLabel = "DIR",
      description = "With --apply: place the generation's root files under DIR (default: the root recorded when it was "
          + "active then; / when it had no root files).")
  Path root;

  @Option(names = "--json", description = "Print JSON for tools.")
  boolean json;

  @Override
  public Integer call() {
    Optional<HistoryPoint> to = Optional.empty();
    if (point != null) {
      to = Optional.of(point.event != null ? new HistoryPoint.AtEvent(point.event)
          : point.generation != null ? new HistoryPoint.AtGeneration(point.generation)
          : new HistoryPoint.AtTime(Durations.instant(point.time, "--to-time")));
    }
    return Run.request(new Request.Replay(state.state(), to,
        apply ? Request.ReplayMode.APPLY : Request.ReplayMode.VIEW, Optional.ofNullable(home),
        json ? Request.Format.JSON : Request.Format.TEXT, Optional.ofNullable(root)), waitOptions.waitTimeout());
  }
}
