package io.statectl.kernel.config;

import io.statectl.api.SourceLocation;
import io.statectl.api.config.ConfigList;
import io.statectl.api.config.ConfigString;
import io.statectl.api.config.ConfigValue;
import io.statectl.api.module.ConfigProblem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Loads a host's entry file and, depth first, every file it imports. Import paths are relative to
 * the importing file and may not leave the repository; a cycle is reported with its whole chain.
 */
public final class ConfigLoader {
  public static final String IMPORTS = "imports";

  private final ConfigFileSystem files;

  public ConfigLoader(ConfigFileSystem files) {
    this.files = files;
  }

  /** Path of the entry file of {@code host}, if the repository has one. */
  public Optional<String> entryFor(String host) {
    for (ConfigFormat f : ConfigFormat.values()) {
      String p = "hosts/" + host + f.extension();
      if (files.read(p).isPresent()) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  public LoadedConfiguration load(String entry) {
    try (ParallelParser parser = new ParallelParser(files)) {
      Walk walk = new Walk(parser);
      walk.visit(entry, SourceLocation.ofFile(entry));
      return new LoadedConfiguration(entry, walk.documents, walk.problems);
    }
  }

  private final class Walk {
    final ParallelParser parser;
    final List<ConfigDocument> documents = new ArrayList<>();
    final List<ConfigProblem> problems = new ArrayList<>();
    final Set<String> done = new HashSet<>();
    final LinkedHashSet<String> stack = new LinkedHashSet<>();

    Walk(ParallelParser parser) {
      this.parser = parser;
    }

    void visit(String path, SourceLocation importedAt) {
      if (stack.contains(path)) {
        List<String> chain = new ArrayList<>();
        boolean in = false;
        for (String s : stack) {
          in |= s.equals(path);
          if (in) {
            chain.add(s);
          }
        }
        chain.add(path);
        problems.add(new ConfigProblem(importedAt, "import cycle: " + String.join(" -> ", chain),
            "remove one of these imports; a file may not (indirectly) import itself"));
        return;
      }
      if (!done.add(path)) {
        return; // diamond imports are loaded once, at their first position
      }
      ParallelParser.Parsed parsed = parser.parse(path);
      if (parsed.result().isEmpty()) {
        problems.add(new ConfigProblem(importedAt, parsed.missing()
            ? "imported file not found: " + path
            : "unsupported configuration file type: " + path,
            parsed.missing() ? "check the path; imports are relative to the file that names them"
                : "configuration files end in .toml, .yaml, .yml or .json"));
        return;
      }
      ConfigReader.Result r = parsed.result().get();
      if (r instanceof ConfigReader.Result.Malformed m) {
        problems.addAll(m.problems());
        return;
      }
      ConfigDocument doc = ((ConfigReader.Result.Parsed) r).document();
      stack.add(path);
      for (ImportRef ref : imports(doc)) {
        visit(ref.path(), ref.at());
      }
      stack.remove(path);
      documents.add(doc);
    }

    private List<ImportRef> imports(ConfigDocument doc) {
      Optional<ConfigValue> v = doc.root().get(IMPORTS);
      if (v.isEmpty()) {
        return List.of();
      }
      if (!(v.get() instanceof ConfigList list)) {
        problems.add(new ConfigProblem(v.get().location(),
            "imports must be a list of paths, got " + v.get().typeName(),
            "write imports = [\"../modules/common.toml\"]"));
        return List.of();
      }
      List<ImportRef> refs = new ArrayList<>();
      for (ConfigValue item : list.items()) {
        if (!(item instanceof ConfigString s)) {
          problems.add(new ConfigProblem(item.location(),
              "an import must be a path string, got " + item.typeName(), "quote the path"));
          continue;
        }
        Optional<String> resolved = RepositoryPaths.inputImport(s.value(), files.inputs())
            .or(() -> RepositoryPaths.resolve(doc.path(), s.value()));
        if (resolved.isEmpty()) {
          problems.add(doc.path().startsWith(RepositoryPaths.INPUT_PREFIX)
              ? new ConfigProblem(s.location(), "import leaves input " + doc.path().substring(1, doc.path().indexOf('/'))
                  + ": " + s.value(), "an input's files import its own files by relative path and other inputs by name")
              : new ConfigProblem(s.location(), "import leaves the configuration repository: " + s.value(),
                  "keep every configuration file inside the repository so the snapshot is complete"));
          continue;
        }
        refs.add(new ImportRef(resolved.get(), s.location()));
      }
      return refs;
    }
  }

  private record ImportRef(String path, SourceLocation at) {}
}
