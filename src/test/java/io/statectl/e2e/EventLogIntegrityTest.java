package io.statectl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmdbjava.ByteArrayProxy;
import org.lmdbjava.Dbi;
import org.lmdbjava.Env;
import org.lmdbjava.Txn;

/** A flipped byte in a stored event is found by {@code history --verify}, which names its sequence. */
class EventLogIntegrityTest {
  @TempDir Path tmp;

  @Test
  void flippedByteInStoredEvent_failsVerifyNamingThatSequence() throws Exception {
    Path config = tmp.resolve("config");
    Trees.copy(Statectl.REPO.resolve("examples/basic"), config);
    Path home = Files.createDirectories(tmp.resolve("home"));
    Statectl statectl = new Statectl(tmp.resolve("state"));
    statectl.run("apply", "--config", config.toString(), "--host", "desktop", "--home", home.toString()).ok();
    statectl.run("apply", "--config", config.toString(), "--host", "laptop", "--home", home.toString()).ok();
    Statectl.Result ok = statectl.run("history", "--verify").ok();
    assertTrue(ok.out().contains("event log intact: 8 record(s)"), ok.out());

    flipByte(statectl.stateDir().resolve("events"), 6);

    Statectl.Result bad = statectl.run("history", "--verify");
    assertEquals(7, bad.exit(), bad.toString());
    assertTrue(bad.err().contains("corrupt at sequence 6"), bad.err());
  }

  /** Flips one byte in the middle of record {@code sequence}, as disk rot or tampering would. */
  static void flipByte(Path eventsDir, long sequence) {
    try (Env<byte[]> env = Env.create(ByteArrayProxy.PROXY_BA).setMaxDbs(8).setMapSize(4L << 30).open(eventsDir.toFile())) {
      Dbi<byte[]> log = env.openDbi("log");
      byte[] key = ByteBuffer.allocate(8).putLong(sequence).array();
      try (Txn<byte[]> txn = env.txnWrite()) {
        byte[] value = log.get(txn, key).clone();
        value[value.length / 2] ^= 0x01;
        log.put(txn, key, value);
        txn.commit();
      }
    }
  }
}
