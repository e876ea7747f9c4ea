package io.statectl.kernel.store;

import java.nio.file.Path;

/** One thing {@link StoreVerifier} found wrong with the store. A closed family. */
public sealed interface StoreProblem {
  /** The file the problem is about, for the message. */
  Path file();

  /** One line for a user: what is wrong, where. */
  String describe();

  /** A valid path whose files are gone. */
  record Missing(StorePath path, Path file) implements StoreProblem {
    @Override
    public String describe() {
      return "missing: " + file + " is registered but not on disk";
    }
  }

  /** A valid path whose archive no longer has the registered hash (a changed, added or removed file). */
  record Damaged(StorePath path, Path file, Hash expected, Hash got) implements StoreProblem {
    @Override
    public String describe() {
      return "damaged: " + file + " has NAR hash " + got + ", registered " + expected;
    }
  }

  /** A valid path that references a path that is not valid (the index's closure invariant broken). */
  record DanglingReference(StorePath path, Path file, StorePath reference) implements StoreProblem {
    @Override
    public String describe() {
      return "dangling reference: " + file + " references " + reference + ", which is not valid";
    }
  }

  /** An entry of the store directory that is a path name but not registered (garbage; gc removes it). */
  record Unregistered(Path file) implements StoreProblem {
    @Override
    public String describe() {
      return "unregistered: " + file + " is on disk but not valid (garbage; `statectl gc` removes it)";
    }
  }

  /** A profile or root link that points to a store path that is not valid or not on disk. */
  record BrokenLink(Path file, Path target) implements StoreProblem {
    @Override
    public String describe() {
      return "broken link: " + file + " -> " + target + ", which is not a valid store path on disk";
    }
  }
}
