package io.statectl.shell.engine.inputs;

import io.statectl.kernel.inputs.InputCycles;
import io.statectl.kernel.inputs.InputDeclaration;
import io.statectl.kernel.inputs.InputDeclarations;
import io.statectl.kernel.inputs.InputTrees;
import io.statectl.kernel.inputs.LockedInput;
import io.statectl.kernel.plugins.LockFile;
import io.statectl.shell.engine.Caller;
import io.statectl.shell.engine.Output;
import io.statectl.shell.engine.PhaseTimer;
import io.statectl.shell.engine.Request;
import io.statectl.shell.engine.UsageException;
import io.statectl.shell.engine.eval.ConfigEvaluation;
import io.statectl.shell.engine.session.StateSession;
import io.statectl.shell.engine.session.WaitTimeout;
import io.statectl.shell.engine.session.WriterLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code statectl lock [--update [NAME…]]}: pins every input {@code statectl.toml} declares. A pin
 * that still matches its declaration is kept; a new or changed declaration is fetched and pinned;
 * {@code --update} fetches again what the refs name now and prints {@code name: old → new}. Every
 * input is fetched into the store and the cycle check passed before {@code statectl.lock} is
 * replaced (atomically), so a failure leaves the old lock byte-identical.
 */
public final class LockHandler {
  private final Output out;
  private final PhaseTimer timer;
  private final Caller caller;
  private final WaitTimeout wait;

  public LockHandler(Output out, PhaseTimer timer, Caller caller, WaitTimeout wait) {
    this.out = out;
    this.timer = timer;
    this.caller = caller;
    this.wait = wait;
  }

  public int lock(Request.Lock r) {
    Path config = ConfigEvaluation.directory(r.config());
    Map<String, InputDeclaration> declared = InputDeclarations.read(config);
    Map<String, LockedInput> before = LockFile.readInputs(config);
    for (String n : r.names()) {
      if (!declared.containsKey(n)) {
        throw new UsageException("no input named '" + n + "' in " + config.resolve(InputDeclarations.FILE),
            declared.isEmpty() ? "declare it first: inputs." + n + " = { git = \"URL\", ref = \"main\" }"
                : "inputs declared: " + String.join(", ", declared.keySet()));
      }
    }
    if (!r.update() && !r.names().isEmpty()) {
      throw new UsageException("naming inputs needs --update", "run `statectl lock --update " + r.names().get(0) + "`");
    }
    if (declared.isEmpty() && before.isEmpty()) {
      out.result("no inputs declared in " + config.resolve(InputDeclarations.FILE) + "; nothing to lock");
      return 0;
    }
    Map<String, LockedInput> after = new TreeMap<>();
    List<String> lines = new ArrayList<>();
    try (WriterLock lock = timer.time("writer lock",
            () -> WriterLock.acquire(r.state().writerLock(), out, caller, wait, "locking inputs"));
        StateSession session = new StateSession(r.state(), timer, StateSession.Access.WRITE)) {
      session.log(); // creates the state directory as every writing command does
      Map<String, Path> trees = new TreeMap<>();
      for (InputDeclaration d : declared.values()) {
        Optional<LockedInput> old = Optional.ofNullable(before.get(d.name()));
        boolean move = old.isEmpty() || !old.get().source().equals(d.source())
            || (r.update() && (r.names().isEmpty() || r.names().contains(d.name())));
        caller.cancellation().check("fetching input " + d.name());
        if (!move) {
          after.put(d.name(), old.get());
          trees.put(d.name(), session.store().toFile(InputTrees.ensure(session.store(), config, old.get())));
          continue;
        }
        InputTrees.Fetched f = timer.time("fetch " + d.name(), () -> InputTrees.fetch(session.store(), config,
            d.name(), d.source(), Optional.empty(), Optional.empty()));
        LockedInput pin = new LockedInput(d.name(), d.source(), f.commit(), f.narHash());
        after.put(d.name(), pin);
        trees.put(d.name(), session.store().toFile(f.path()));
        lines.add(old.isEmpty() ? d.name() + ": pinned " + pin.shortPin() + " (" + d.source().describe() + ")"
            : old.get().shortPin().equals(pin.shortPin()) && old.get().narHash().equals(pin.narHash())
                ? d.name() + ": " + pin.shortPin() + " (unchanged)"
                : d.name() + ": " + old.get().shortPin() + " → " + pin.shortPin());
      }
      InputCycles.check(trees);
      for (String gone : before.keySet()) {
        if (!declared.containsKey(gone)) {
          lines.add(gone + ": removed (no longer declared)");
        }
      }
      boolean changed = !after.equals(before) || !Files.exists(LockFile.of(config));
      if (changed) {
        LockFile.writeInputs(config, after);
      }
      lines.forEach(out::result);
      out.result(changed ? "wrote " + LockFile.of(config) + " (" + after.size() + " input(s)); commit it"
          : LockFile.of(config) + " is up to date (" + after.size() + " input(s))");
      return 0;
    }
  }
}
