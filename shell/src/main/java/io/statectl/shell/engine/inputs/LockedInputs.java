package io.statectl.shell.engine.inputs;

import io.statectl.kernel.inputs.InputCycles;
import io.statectl.kernel.inputs.InputDeclaration;
import io.statectl.kernel.inputs.InputDeclarations;
import io.statectl.kernel.inputs.InputException;
import io.statectl.kernel.inputs.InputTrees;
import io.statectl.kernel.inputs.LockedInput;
import io.statectl.kernel.plugins.LockFile;
import io.statectl.kernel.state.StateDirectory;
import io.statectl.kernel.store.StorePath;
import io.statectl.shell.engine.Output;
import io.statectl.shell.engine.PhaseTimer;
import io.statectl.shell.engine.session.StateSession;
import io.statectl.shell.engine.session.WaitTimeout;
import io.statectl.shell.engine.session.WriterLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The inputs apply, build and eval mount: exactly what {@code statectl.lock} pins, never what a ref
 * names now. A declared input the lock does not pin, or pins for another source, is an error that
 * names the command to fix it. A pinned tree already in the store is used as it is (no network);
 * a missing one is fetched at its pinned commit under the writer lock and kept only if its hash is
 * the pinned one.
 */
public final class LockedInputs {
  private LockedInputs() {}

  /**
   * The store directory of every declared input of {@code configDir}, by name; empty (and nothing
   * read beyond {@code statectl.toml}) when it declares none.
   */
  public static Map<String, Path> mount(StateDirectory state, Path configDir, Output out, PhaseTimer timer) {
    Map<String, InputDeclaration> declared = InputDeclarations.read(configDir);
    if (declared.isEmpty()) {
      return Map.of();
    }
    Map<String, LockedInput> locked = checked(configDir, declared, LockFile.readInputs(configDir));
    Path storeDir = state.store().toAbsolutePath().normalize();
    Map<String, Path> trees = new TreeMap<>();
    Map<String, LockedInput> missing = new TreeMap<>();
    for (LockedInput l : locked.values()) {
      Path dir = storeDir.resolve(InputTrees.expectedPath(storeDir, l.name(), l.narHash()).toString());
      if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
        trees.put(l.name(), dir);
      } else {
        missing.put(l.name(), l);
      }
    }
    if (!missing.isEmpty()) {
      timer.time("fetch inputs", () -> {
        try (WriterLock lock = WriterLock.acquire(state.writerLock(), out, WaitTimeout.FOREVER, "fetching inputs");
            StateSession session = new StateSession(state, timer, StateSession.Access.WRITE)) {
          session.log(); // creates the state directory as every writing command does
          for (LockedInput l : missing.values()) {
            out.message("fetching input " + l.name() + " (" + l.source().describe() + ", " + l.shortPin() + ")");
            StorePath p = InputTrees.ensure(session.store(), configDir, l);
            trees.put(l.name(), session.store().toFile(p));
          }
        }
        return null;
      });
    }
    InputCycles.check(trees);
    return trees;
  }

  /** The pins of the declared inputs, checked against the declarations. */
  static Map<String, LockedInput> checked(Path configDir, Map<String, InputDeclaration> declared,
      Map<String, LockedInput> locked) {
    Path lockFile = LockFile.of(configDir);
    Map<String, LockedInput> out = new TreeMap<>();
    for (InputDeclaration d : declared.values()) {
      String at = configDir.resolve(d.at().file()) + ":" + d.at().line() + ":" + d.at().column();
      LockedInput l = locked.get(d.name());
      if (l == null) {
        throw new InputException(InputException.Reason.NOT_LOCKED, d.name(), at + ": input " + d.name()
            + " is declared but " + (Files.exists(lockFile) ? lockFile + " does not pin it" : lockFile + " is missing"),
            "run `statectl lock --config " + configDir + "` to pin it, and commit statectl.lock");
      }
      if (!l.source().equals(d.source())) {
        throw new InputException(InputException.Reason.LOCK_STALE, d.name(), at + ": input " + d.name()
            + " is declared as " + d.source().describe() + ", but " + lockFile + " pins it for "
            + l.source().describe(), "run `statectl lock --config " + configDir + "` to pin it as declared, and "
                + "commit statectl.lock");
      }
      out.put(d.name(), l);
    }
    return out;
  }
}
