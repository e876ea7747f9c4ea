package io.statectl.kernel.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Imports by input name read the input's modules/; paths stay inside the input, or inside the repository. */
class InputImportsTest {
  @TempDir Path tmp;

  private ConfigFileSystem mounted() throws Exception {
    Path repo = Files.createDirectories(tmp.resolve("repo/hosts"));
    Path shared = Files.createDirectories(tmp.resolve("shared/modules"));
    Files.writeString(repo.resolve("h.toml"), "imports = [\"shared/a.toml\"]\n");
    Files.writeString(shared.resolve("a.toml"), "imports = [\"./b.toml\"]\n");
    Files.writeString(shared.resolve("b.toml"), "x = 1\n");
    return new InputsConfigFileSystem(new DirectoryConfigFileSystem(tmp.resolve("repo")),
        Map.of("shared", tmp.resolve("shared")));
  }

  @Test
  void anImportByNameReadsTheInputsModules_andItsRelativeImportsStayInside() throws Exception {
    LoadedConfiguration loaded = new ConfigLoader(mounted()).load("hosts/h.toml");
    assertEquals(List.of(), loaded.problems());
    assertEquals(List.of("@shared/modules/b.toml", "@shared/modules/a.toml", "hosts/h.toml"),
        loaded.documents().stream().map(ConfigDocument::path).toList());
  }

  @Test
  void pathsCannotCrossBetweenAnInputAndTheRepository() {
    assertEquals(Optional.empty(), RepositoryPaths.resolve("@shared/modules/a.toml", "../../hosts/h.toml"));
    assertEquals(Optional.of("@shared/files/x"), RepositoryPaths.resolve("@shared/modules/a.toml", "../files/x"));
    assertEquals(Optional.empty(), RepositoryPaths.resolve("hosts/h.toml", "../@shared/modules/a.toml"));
    assertEquals(Optional.of("@shared/modules/a.toml"), RepositoryPaths.inputImport("shared/a.toml", Set.of("shared")));
    assertEquals(Optional.empty(), RepositoryPaths.inputImport("shared/../../x.toml", Set.of("shared")));
    assertEquals(Optional.empty(), RepositoryPaths.inputImport("other/a.toml", Set.of("shared")));
  }

  @Test
  void theManifestListsEachInputsStorePath_andASnapshotKnowsItsInputsFromIt() throws Exception {
    ConfigFileSystem fs = mounted();
    String manifest = new String(fs.read(RepositoryPaths.INPUTS_MANIFEST).orElseThrow());
    assertEquals("shared " + tmp.resolve("shared") + "\n", manifest);
    Path snapshot = Files.createDirectories(tmp.resolve("snapshot"));
    Files.writeString(snapshot.resolve(RepositoryPaths.INPUTS_MANIFEST), manifest);
    assertEquals(Set.of("shared"), new DirectoryConfigFileSystem(snapshot).inputs());
    assertTrue(fs.read("@other/modules/a.toml").isEmpty());
  }
}
