package io.statectl.kernel.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LmdbPathIndexTest extends PathIndexContractTest {
  @TempDir Path stateDir;

  @Override
  PathIndex newIndex() {
    return LmdbPathIndex.open(stateDir.resolve("db"));
  }

  @Test
  void reopen_findsEverythingRegisteredBefore() {
    StorePath lib = path("lib");
    StorePath app = path("app");
    PathInfo libInfo = info(lib).withSignatures(List.of("k:sig"));
    PathInfo appInfo = info(app, lib).withDeriver(path("app.drv"));
    index.register(List.of(libInfo, appInfo));
    index.close();

    index = LmdbPathIndex.open(stateDir.resolve("db"));

    assertEquals(Optional.of(libInfo), index.get(lib));
    assertEquals(Optional.of(appInfo), index.get(app));
    assertEquals(Set.of(app), index.referrers(lib));
    assertTrue(index.isValid(app));
  }
}
