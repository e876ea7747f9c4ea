package io.statectl.events.log;

import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.lmdbjava.ByteArrayProxy;
import org.lmdbjava.Dbi;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.Txn;

/**
 * Direct access to a closed log's LMDB environment, to damage it the way a disk or a person
 * could. The {@link EventLog} on the directory must be closed: LMDB forbids opening one
 * environment twice in a process.
 */
final class RawLog {

  private RawLog() {}

  static byte[] value(Path dir, long sequence) {
    try (Env<byte[]> env = open(dir)) {
      Dbi<byte[]> log = db(env);
      try (Txn<byte[]> txn = env.txnRead()) {
        return log.get(txn, LogKeys.sequence(sequence)).clone();
      }
    }
  }

  static void rewrite(Path dir, long sequence, UnaryOperator<byte[]> change) {
    try (Env<byte[]> env = open(dir)) {
      Dbi<byte[]> log = db(env);
      try (Txn<byte[]> txn = env.txnWrite()) {
        byte[] key = LogKeys.sequence(sequence);
        log.put(txn, key, change.apply(log.get(txn, key).clone()));
        txn.commit();
      }
    }
  }

  static void flipByte(Path dir, long sequence, int offset) {
    rewrite(
        dir,
        sequence,
        value -> {
          value[offset] ^= 0x01;
          return value;
        });
  }

  static void delete(Path dir, long sequence) {
    try (Env<byte[]> env = open(dir)) {
      Dbi<byte[]> log = db(env);
      try (Txn<byte[]> txn = env.txnWrite()) {
        log.delete(txn, LogKeys.sequence(sequence));
        txn.commit();
      }
    }
  }

  private static Dbi<byte[]> db(Env<byte[]> env) {
    return env.openDbi(EventLog.LOG_DB);
  }

  private static Env<byte[]> open(Path dir) {
    return Env.create(ByteArrayProxy.PROXY_BA)
        .setMapSize(EventLog.MAP_SIZE)
        .setMaxDbs(3)
        .open(dir.toFile(), EnvFlags.MDB_NOTLS);
  }
}
