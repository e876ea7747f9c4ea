package io.statectl.kernel.plugins;

import io.statectl.kernel.inputs.InputException;
import io.statectl.kernel.inputs.InputSource;
import io.statectl.kernel.inputs.LockedInput;
import io.statectl.kernel.store.Hash;
import io.statectl.kernel.store.InvalidHashException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/**
 * The {@code [inputs.<name>]} tables of {@code statectl.lock} ({@link LockFile} owns the file):
 * {@code git}+{@code ref} or {@code path}, then {@code commit} (when there is one) and {@code narHash},
 * in that order, names sorted, so the same pins always give the same bytes.
 */
final class InputLocks {
  private InputLocks() {}

  static Map<String, LockedInput> read(Path configDir) {
    Path file = LockFile.of(configDir);
    Map<String, LockedInput> out = new TreeMap<>();
    if (!Files.isRegularFile(file)) {
      return out;
    }
    TomlParseResult r = LockFile.parse(file);
    if (r.hasErrors()) {
      throw invalid("", LockFile.firstError(file, r));
    }
    TomlTable inputs = r.getTable("inputs");
    if (inputs == null) {
      return out;
    }
    for (String name : inputs.keySet()) {
      TomlTable t = inputs.getTable(List.of(name));
      String at = file + ":" + inputs.inputPositionOf(List.of(name)).line() + ": inputs." + name;
      if (t == null) {
        throw invalid(name, at + " is not a table");
      }
      String git = string(t, "git", at);
      String path = string(t, "path", at);
      String narHash = string(t, "narHash", at);
      String commit = string(t, "commit", at);
      if ((git == null) == (path == null) || narHash == null || (git != null && commit == null)) {
        throw invalid(name, at + " needs git, ref, commit and narHash (or path and narHash)");
      }
      Hash hash;
      try {
        hash = Hash.parse(narHash);
      } catch (InvalidHashException e) {
        throw invalid(name, at + ".narHash is not a sha256 hash: " + e.getMessage());
      }
      String ref = string(t, "ref", at);
      InputSource source = git != null ? new InputSource.Git(git, ref == null ? "HEAD" : ref) : new InputSource.Local(path);
      out.put(name, new LockedInput(name, source, Optional.ofNullable(commit), hash));
    }
    return out;
  }

  static String render(Map<String, LockedInput> inputs) {
    StringBuilder b = new StringBuilder();
    for (LockedInput i : new TreeMap<>(inputs).values()) {
      b.append("\n[inputs.").append(i.name()).append("]\n");
      if (i.source() instanceof InputSource.Git g) {
        b.append("git = ").append(LockFile.quote(g.url())).append('\n')
            .append("ref = ").append(LockFile.quote(g.ref())).append('\n');
      } else if (i.source() instanceof InputSource.Local l) {
        b.append("path = ").append(LockFile.quote(l.path())).append('\n');
      }
      i.commit().ifPresent(c -> b.append("commit = ").append(LockFile.quote(c)).append('\n'));
      b.append("narHash = ").append(LockFile.quote(i.narHash().toString())).append('\n');
    }
    return b.toString();
  }

  private static String string(TomlTable t, String key, String at) {
    if (!t.contains(key)) {
      return null;
    }
    if (!t.isString(key)) {
      throw invalid("", at + "." + key + " must be a string");
    }
    return t.getString(key);
  }

  private static InputException invalid(String name, String what) {
    return new InputException(InputException.Reason.LOCK_INVALID, name, what,
        "restore statectl.lock from git, or delete its [inputs.*] tables and run `statectl lock`");
  }
}
