package io.statectl.kernel.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statectl.kernel.ErrorCode;
import io.statectl.kernel.inputs.InputException;
import io.statectl.kernel.inputs.InputSource;
import io.statectl.kernel.inputs.LockedInput;
import io.statectl.kernel.store.Hash;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The [inputs.*] tables of statectl.lock: stable bytes, a round trip, the plugin pins kept, bad tables refused. */
class LockFileInputsTest {
  @TempDir Path dir;

  private static final Hash H1 = Hash.of("one");
  private static final Hash H2 = Hash.of("two");
  private static final String C1 = "0123456789abcdef0123456789abcdef01234567";

  private static Map<String, LockedInput> inputs() {
    Map<String, LockedInput> m = new LinkedHashMap<>();
    m.put("zeta", new LockedInput("zeta", new InputSource.Local("../zeta"), Optional.empty(), H2));
    m.put("shared", new LockedInput("shared", new InputSource.Git("file:///srv/shared.git", "main"), Optional.of(C1), H1));
    return m;
  }

  @Test
  void inputs_roundTripWithStableSortedFormatting() throws Exception {
    LockFile.writeInputs(dir, inputs());
    String text = Files.readString(LockFile.of(dir));
    assertEquals("# statectl.lock: the plugins and inputs this configuration needs, pinned.\n"
        + "# Written by `statectl lock` and `statectl plugin install|upgrade|remove --config`; commit it with the "
        + "configuration.\n"
        + "\n[inputs.shared]\ngit = \"file:///srv/shared.git\"\nref = \"main\"\ncommit = \"" + C1 + "\"\n"
        + "narHash = \"" + H1 + "\"\n"
        + "\n[inputs.zeta]\npath = \"../zeta\"\nnarHash = \"" + H2 + "\"\n", text);
    assertEquals(inputs(), LockFile.readInputs(dir));
    LockFile.writeInputs(dir, LockFile.readInputs(dir));
    assertEquals(text, Files.readString(LockFile.of(dir)), "writing what was read gives the same bytes");
  }

  @Test
  void eachWriterKeepsTheOthersTables() {
    LockedPlugin p = new LockedPlugin("acme", "1.0.0", "ab".repeat(32), "https://example.org/acme.jar");
    LockFile.write(dir, Map.of("acme", p));
    LockFile.writeInputs(dir, inputs());
    assertEquals(Map.of("acme", p), LockFile.read(dir));
    LockFile.write(dir, Map.of());
    assertEquals(inputs(), LockFile.readInputs(dir), "removing the plugins keeps the inputs");
    assertTrue(LockFile.read(dir).isEmpty());
  }

  @Test
  void aMissingLockPinsNothing() {
    assertTrue(LockFile.readInputs(dir).isEmpty());
  }

  @Test
  void aTableWithoutCommitOrWithABadHashIsRefused() throws Exception {
    Files.writeString(LockFile.of(dir), "[inputs.shared]\ngit = \"file:///x\"\nref = \"main\"\nnarHash = \"" + H1 + "\"\n");
    InputException e = assertThrows(InputException.class, () -> LockFile.readInputs(dir));
    assertEquals(ErrorCode.INPUT_LOCK_INVALID, e.code());
    assertTrue(e.getMessage().contains("statectl.lock:1: inputs.shared needs"), e.getMessage());

    Files.writeString(LockFile.of(dir), "[inputs.shared]\npath = \"../x\"\nnarHash = \"md5:abc\"\n");
    e = assertThrows(InputException.class, () -> LockFile.readInputs(dir));
    assertEquals(ErrorCode.INPUT_LOCK_INVALID, e.code());
    assertTrue(e.getMessage().contains("narHash is not a sha256 hash"), e.getMessage());
  }
}
