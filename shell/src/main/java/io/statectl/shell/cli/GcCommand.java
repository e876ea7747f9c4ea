package io.statectl.shell.cli;

import io.statectl.shell.engine.Request;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "gc", mixinStandardHelpOptions = true,
    description = {"Delete old generations and remove store paths that nothing needs.",
        "Never deletes the active generation. Configuration snapshots and backups are kept forever: they let "
            + "`replay --apply` rebuild a deleted generation and `restore-backup` restore a file. Roots: every "
            + "profile's generations, backups, gcroots and out-links, and running builds (`statectl store roots`); "
            + "waits for a running apply or build registration (the writer lock). "
            + "Every deletion is recorded in the event log."})
final class GcCommand implements Callable<Integer> {
  @Mixin StateOptions state;
  @Mixin WaitOptions waitOptions;

  @Option(names = "--delete-generations", paramLabel = "N|N..M", description = "Delete generation N, or N to M.")
  String delete;

  @Option(names = {"--delete-older-than", "--older-than"}, paramLabel = "DURATION",
      description = "Delete generations created longer ago than this (e.g. 30d), never the active one.")
  String olderThan;

  @Option(names = "--max-freed", paramLabel = "SIZE",
      description = "Stop after freeing this much (e.g. 1G, 500M, 4096); 0 deletes nothing and says what is garbage.")
  String maxFreed;

  @Mixin ProfileOption profile;

  @Option(names = "--dry-run", description = "Print what would be deleted and change nothing.")
  boolean dryRun;

  @Override
  public Integer call() {
    Optional<Request.GenerationRange> range = Optional.ofNullable(delete).map(GcCommand::range);
    return Run.request(new Request.Gc(state.state(), range,
        Optional.ofNullable(olderThan).map(t -> Durations.parse(t, "--older-than")),
        dryRun ? Request.Mode.DRY_RUN : Request.Mode.CHANGE, profile.profile,
        Optional.ofNullable(maxFreed).map(GcCommand::size)), waitOptions.waitTimeout());
  }

  /** A size as Nix's --max-freed takes it: bytes, or with K, M, G or T (powers of 1024). */
  static long size(String text) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)([KMGT]?)(i?B)?", java.util.regex.Pattern.CASE_INSENSITIVE)
        .matcher(text.trim());
    if (!m.matches()) {
      throw new CommandLine.TypeConversionException("'" + text + "' is not a size for --max-freed (e.g. 1G, 500M, 0)");
    }
    int shift = switch (m.group(2).toUpperCase(java.util.Locale.ROOT)) {
      case "K" -> 10;
      case "M" -> 20;
      case "G" -> 30;
      case "T" -> 40;
      default -> 0;
    };
    return Math.multiplyExact(Long.parseLong(m.group(1)), 1L << shift);
  }

  static Request.GenerationRange range(String text) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)(?:\\.\\.(\\d+))?").matcher(text.trim());
    if (!m.matches()) {
      throw new CommandLine.TypeConversionException("'" + text + "' is not N or N..M for --delete-generations");
    }
    int first = Integer.parseInt(m.group(1));
    int last = m.group(2) == null ? first : Integer.parseInt(m.group(2));
    if (first < 1 || last < first) {
      throw new CommandLine.TypeConversionException("'" + text + "' is not a range of generations (1 or more, N..M with N ≤ M)");
    }
    return new Request.GenerationRange(first, last);
  }
}
