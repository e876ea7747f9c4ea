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

  @Test
  void truncatedLog_failsVerifyAgainstTheAnchoredHead_untilTheUserReanchors() throws Exception {
    Path config = tmp.resolve("config");
    Trees.copy(Statectl.REPO.resolve("examples/basic"), config);
    Path home = Files.createDirectories(tmp.resolve("home"));
    Statectl statectl = new Statectl(tmp.resolve("state"));
    statectl.run("apply", "--config", config.toString(), "--host", "desktop", "--home", home.toString()).ok();
    statectl.run("apply", "--config", config.toString(), "--host", "laptop", "--home", home.toString()).ok();
    Path head = statectl.stateDir().resolve("events.head");
    assertTrue(Files.readString(head).startsWith("8 "), "written after the last commit: " + Files.readString(head));
    statectl.run("history", "--verify").ok();

    // A log of the same length with another record at the head (replaced, or rewritten and re-chained).
    String anchored = Files.readString(head);
    Files.writeString(head, "8 " + "0".repeat(64) + "\n");
    Statectl.Result rewritten = statectl.run("history", "--verify");
    assertEquals(7, rewritten.exit(), rewritten.toString());
    assertTrue(rewritten.err().contains("error[STC-E121]") && rewritten.err().contains("record 8 hashes to "),
        rewritten.err());
    Files.writeString(head, anchored);

    // The newest two records go: what is left is a valid chain, which only the head can show is short.
    deleteFrom(statectl.stateDir().resolve("events"), 7);

    Statectl.Result bad = statectl.run("history", "--verify");
    assertEquals(7, bad.exit(), bad.toString());
    assertTrue(bad.err().contains("error[STC-E120]"), bad.err());
    assertTrue(bad.err().contains("ends at sequence 6") && bad.err().contains("names sequence 8")
        && bad.err().contains(head.toString()), bad.err());
    assertTrue(bad.err().contains("statectl history --reanchor"), "explains the repair: " + bad.err());

    Statectl.Result reanchor = statectl.run("history", "--reanchor").ok();
    assertTrue(reanchor.out().contains("was sequence 8") && reanchor.out().contains("now sequence 6"), reanchor.out());
    assertTrue(statectl.run("history", "--verify").ok().out().contains("event log intact: 6 record(s)"));
  }

  /** Deletes every record from {@code sequence} on, as a truncation (or an older copy of the log) would. */
  static void deleteFrom(Path eventsDir, long sequence) {
    try (Env<byte[]> env = Env.create(ByteArrayProxy.PROXY_BA).setMaxDbs(8).setMapSize(4L << 30).open(eventsDir.toFile())) {
      Dbi<byte[]> log = env.openDbi("log");
      try (Txn<byte[]> txn = env.txnWrite()) {
        for (long s = sequence; log.get(txn, ByteBuffer.allocate(8).putLong(s).array()) != null; s++) {
          log.delete(txn, ByteBuffer.allocate(8).putLong(s).array());
        }
        txn.commit();
      }
    }
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
