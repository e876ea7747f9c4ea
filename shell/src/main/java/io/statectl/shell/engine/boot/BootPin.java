package io.statectl.shell.engine.boot;

import io.statectl.kernel.state.StateDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The generation {@code statectl boot --default N} pinned, kept in {@code <state>/boot/default}:
 * rewriting the entries keeps it as the loader's default while it has an entry (the newest
 * otherwise), so a later apply does not silently undo the pin.
 */
final class BootPin {
  private BootPin() {}

  static Path file(StateDirectory state) {
    return state.root().resolve("boot/default");
  }

  static Optional<Integer> read(StateDirectory state) {
    Path f = file(state);
    try {
      return Files.isRegularFile(f) ? Optional.of(Integer.parseInt(Files.readString(f, StandardCharsets.UTF_8).strip()))
          : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + f, e);
    } catch (NumberFormatException e) {
      return Optional.empty(); // a damaged pin pins nothing
    }
  }

  static void write(StateDirectory state, int generation) {
    Path f = file(state);
    try {
      Files.createDirectories(f.getParent());
      Path tmp = f.resolveSibling(".default.statectl-tmp");
      Files.writeString(tmp, generation + "\n", StandardCharsets.UTF_8);
      Files.move(tmp, f, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + f, e);
    }
  }
}
