package io.statectl.events.log;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Key encodings of the log's databases. Big-endian so LMDB's byte order is numeric order.
 *
 * <p>{@code log}: 8-byte sequence. {@code aggregates}: aggregate id UTF-8, 0x00, 8-byte aggregate
 * sequence (ids have no NUL, so one aggregate's keys are contiguous). {@code snapshots}: id UTF-8.
 */
final class LogKeys {

  static final int LONG_BYTES = 8;
  private static final VarHandle LONG_BE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private LogKeys() {}

  static byte[] sequence(long sequence) {
    byte[] key = new byte[LONG_BYTES];
    LONG_BE.set(key, 0, sequence);
    return key;
  }

  /** The sequence of an 8-byte key, or -1 when the key is not 8 bytes. */
  static long sequence(byte[] key) {
    return key.length == LONG_BYTES ? (long) LONG_BE.get(key, 0) : -1;
  }

  static long longAt(byte[] bytes, int offset) {
    return (long) LONG_BE.get(bytes, offset);
  }

  static byte[] aggregate(String aggregateId, long aggregateSequence) {
    byte[] prefix = aggregatePrefix(aggregateId);
    byte[] key = Arrays.copyOf(prefix, prefix.length + LONG_BYTES);
    LONG_BE.set(key, prefix.length, aggregateSequence);
    return key;
  }

  /** The id and its 0x00 separator: every key of this aggregate starts with it. */
  static byte[] aggregatePrefix(String aggregateId) {
    byte[] id = aggregateId.getBytes(StandardCharsets.UTF_8);
    return Arrays.copyOf(id, id.length + 1);
  }

  /** The smallest key above every key of this aggregate: the id followed by 0x01. */
  static byte[] aggregateUpperBound(String aggregateId) {
    byte[] bound = aggregatePrefix(aggregateId);
    bound[bound.length - 1] = 1;
    return bound;
  }

  static long aggregateSequence(byte[] aggregateKey) {
    return longAt(aggregateKey, aggregateKey.length - LONG_BYTES);
  }

  static boolean isAggregateKey(byte[] key, byte[] prefix) {
    return key.length == prefix.length + LONG_BYTES
        && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
  }

  static byte[] snapshot(String aggregateId) {
    return aggregateId.getBytes(StandardCharsets.UTF_8);
  }
}
