package io.statectl.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lives in the kernel's tests because plugin-api carries no test dependencies. */
class DurableFilesTest {
  @TempDir Path dir;

  @Test
  void replacesContentAndLeavesNoTempFileBehind() throws IOException {
    Path file = dir.resolve("a/b/state");
    DurableFiles.replace(file, "one\n".getBytes(StandardCharsets.UTF_8));
    DurableFiles.replace(file, "two\n".getBytes(StandardCharsets.UTF_8));

    assertEquals("two\n", Files.readString(file));
    try (Stream<Path> siblings = Files.list(file.getParent())) {
      assertEquals(1, siblings.count(), "only the file itself, no .tmp- sibling");
    }
  }

  @Test
  void aFailedCommitRemovesItsTempAndKeepsTheOldFile() throws IOException {
    Path file = dir.resolve("state");
    DurableFiles.replace(file, "old".getBytes(StandardCharsets.UTF_8));
    Path temp = DurableFiles.writeTemp(file, "new".getBytes(StandardCharsets.UTF_8));
    Path notADirectory = dir.resolve("state/inside");

    assertThrows(IOException.class, () -> DurableFiles.commit(temp, notADirectory));
    assertFalse(Files.exists(temp));
    assertEquals("old", Files.readString(file));
  }
}
