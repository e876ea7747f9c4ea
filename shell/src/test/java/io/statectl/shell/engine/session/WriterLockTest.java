package io.statectl.shell.engine.session;

import io.statectl.shell.engine.Output;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The holder record; waiting and giving up across processes are in ConcurrencyEndToEndTest. */
class WriterLockTest {
  @TempDir Path tmp;

  static final class Lines implements Output {
    final List<String> messages = new ArrayList<>();

    @Override
    public void result(String line) {}

    @Override
    public synchronized void message(String line) {
      messages.add(line);
    }

    @Override
    public boolean interactive() {
      return false;
    }
  }

  @Test
  void freeLock_isTaken_andRecordsWhoHoldsIt() throws Exception {
    Path file = tmp.resolve("writer.lock");
    Lines out = new Lines();
    try (WriterLock lock = WriterLock.acquire(file, out, WaitTimeout.atMost(Duration.ZERO), "applying")) {
      String holder = Files.readString(file);
      assertTrue(holder.startsWith("pid=" + ProcessHandle.current().pid() + "\nsince="), holder);
      assertTrue(holder.endsWith("activity=applying\n"), holder);
    }
    assertEquals("", Files.readString(file), "released locks record no holder");
    assertEquals(List.of(), out.messages);
  }
}
