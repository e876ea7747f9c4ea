package io.statectl.shell.engine.install;

import io.statectl.kernel.state.StateDirectory;
import io.statectl.kernel.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * What an install left in the root, read from its state directory without opening its log: the
 * system profile's generation (the path as the root sees it) and how many store paths it holds.
 */
record InstalledRoot(int generation, String generationPath, int storePaths) {
  static InstalledRoot read(StateDirectory state, Path root) {
    try {
      Path profile = state.profileLink("system");
      String link = Files.readSymbolicLink(profile).toString(); // system-<N>-link, relative
      int n = Integer.parseInt(link.replaceAll("^system-(\\d+)-link$", "$1"));
      String target = Files.readSymbolicLink(profile.resolveSibling(link)).toString();
      int paths;
      try (Stream<Path> s = Files.list(state.store())) {
        paths = (int) s.filter(p -> !Store.isLeftover(p.getFileName().toString())).count();
      }
      return new InstalledRoot(n, target, paths);
    } catch (IOException | NumberFormatException e) {
      throw new UncheckedIOException("install: the apply in " + root + " left no system profile in " + state.root(),
          e instanceof IOException io ? io : new IOException(e));
    }
  }
}
