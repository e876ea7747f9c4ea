package io.statectl.shell.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** The shells' completion scripts call this on TAB: {@code statectl __complete -- WORD… CURRENT}. */
@Command(name = "__complete", hidden = true,
    description = "Print the completion candidates for a command line, one per line (used by `statectl completion`).")
final class CompleteCommand implements Callable<Integer> {
  @Parameters(arity = "0..*", paramLabel = "WORD")
  List<String> words = new ArrayList<>();

  @Override
  public Integer call() {
    Invocation inv = Invocation.current();
    for (String c : new Completer(Completer.model()).complete(words)) {
      inv.out().println(c);
    }
    inv.out().flush();
    return 0;
  }
}
