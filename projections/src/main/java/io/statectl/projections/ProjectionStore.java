package io.statectl.projections;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.statectl.events.ConfigurationEvaluated;
import io.statectl.events.ConfigurationSubmitted;
import io.statectl.events.DriftDetected;
import io.statectl.events.DriftRepaired;
import io.statectl.events.GenerationRestored;
import io.statectl.events.GenerationsDeleted;
import io.statectl.events.StorePathsCollected;
import io.statectl.events.EventJson;
import io.statectl.events.FileBackedUp;
import io.statectl.events.GenerationActivated;
import io.statectl.events.GenerationCreated;
import io.statectl.events.PluginInstalled;
import io.statectl.events.PluginRemoved;
import io.statectl.events.StatectlEvent;
import io.statectl.events.log.EventLog;
import io.statectl.events.log.LogRecord;
import io.statectl.projections.backups.BackupRecord;
import io.statectl.projections.drift.DriftRecord;
import io.statectl.projections.generations.ActiveGeneration;
import io.statectl.projections.generations.GenerationRecord;
import io.statectl.projections.plugins.PluginRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.lmdbjava.ByteArrayProxy;
import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.KeyRange;
import org.lmdbjava.CursorIterable;
import org.lmdbjava.Txn;

/**
 * The read models (generations, active generation per profile, backups), kept in their own LMDB
 * environment together with the log position they reflect. They are only ever derived from the
 * log: {@link #catchUp} applies what is new, and deleting the environment rebuilds them.
 *
 * <p>Thread-safe; readers never block the writer (LMDB MVCC). Two processes catching up at once
 * serialise on LMDB's write lock and the second finds nothing left to apply.
 */
public final class ProjectionStore implements AutoCloseable {
  private static final byte[] POSITION = "position".getBytes(StandardCharsets.UTF_8);
  private static final byte[] LAST_EVALUATION = "last-evaluation:".getBytes(StandardCharsets.UTF_8);
  private static final int BATCH = 10_000;
  private final Env<byte[]> env;
  private final Dbi<byte[]> meta;
  private final Dbi<byte[]> generations;
  private final Dbi<byte[]> active;
  private final Dbi<byte[]> backups;
  private final Dbi<byte[]> plugins;
  private final Dbi<byte[]> deleted;
  private final Dbi<byte[]> drift;
  private final ObjectMapper json = EventJson.newMapper();

  private ProjectionStore(Env<byte[]> env) {
    this.env = env;
    this.meta = env.openDbi("meta", DbiFlags.MDB_CREATE);
    this.generations = env.openDbi("generations", DbiFlags.MDB_CREATE);
    this.active = env.openDbi("active", DbiFlags.MDB_CREATE);
    this.backups = env.openDbi("backups", DbiFlags.MDB_CREATE);
    this.plugins = env.openDbi("plugins", DbiFlags.MDB_CREATE);
    this.deleted = env.openDbi("deleted-generations", DbiFlags.MDB_CREATE);
    this.drift = env.openDbi("drift", DbiFlags.MDB_CREATE);
  }

  public static ProjectionStore open(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
    Env<byte[]> env = Env.create(ByteArrayProxy.PROXY_BA)
        .setMapSize(1L << 30)
        .setMaxDbs(8)
        // MDB_NOSYNC: catch-up batches commit without fsync and catchUp syncs once at its end; the
        // read models are rebuildable from the log, so a system crash costs at most a rebuild.
        .open(dir.toFile(), EnvFlags.MDB_NOTLS, EnvFlags.MDB_NOSYNC);
    return new ProjectionStore(env);
  }

  /** The last log sequence these read models reflect; 0 when empty. */
  public long position() {
    try (Txn<byte[]> txn = env.txnRead()) {
      byte[] v = meta.get(txn, POSITION);
      return v == null ? 0 : ByteBuffer.wrap(v).getLong();
    }
  }

  /** Applies every event after {@link #position()} up to the log's end, in batches. */
  public long catchUp(EventLog log) {
    return catchUp(log, Long.MAX_VALUE);
  }

  /**
   * Applies every event after {@link #position()} up to {@code upToInclusive} (clamped to the log's
   * end), in batches: how an as-of view of history is built into a separate environment.
   *
   * @return how many events were applied
   */
  public long catchUp(EventLog log, long upToInclusive) {
    long end = Math.min(upToInclusive, log.lastSequence());
    long applied = 0;
    try {
      while (true) {
        try (Txn<byte[]> txn = env.txnWrite()) {
          byte[] v = meta.get(txn, POSITION);
          long from = (v == null ? 0 : ByteBuffer.wrap(v).getLong()) + 1;
          if (from > end) {
            return applied;
          }
          long to = Math.min(end, from + BATCH - 1);
          long[] last = {from - 1};
          Pending pending = new Pending();
          log.forEach(from, to, r -> {
            apply(txn, r, ignored(r) ? null : r.event(), pending);
            last[0] = r.sequence();
          });
          pending.flush(txn);
          meta.put(txn, POSITION, ByteBuffer.allocate(8).putLong(last[0]).array());
          txn.commit();
          applied += last[0] - from + 1;
          if (last[0] < to) {
            return applied;
          }
        }
      }
    } finally {
      if (applied > 0) {
        env.sync(true); // batches commit without fsync (MDB_NOSYNC); one fsync makes them all durable
      }
    }
  }

  /**
   * Per-profile values that only their last write matters for, kept in memory during one batch and
   * written once at its end: most events of a long log touch them.
   */
  private final class Pending {
    final java.util.Map<String, List<String>> evaluations = new java.util.HashMap<>();
    final java.util.Map<String, ActiveGeneration> actives = new java.util.HashMap<>();

    List<String> evaluation(Txn<byte[]> txn, String profile) {
      List<String> p = evaluations.get(profile);
      if (p != null) {
        return p;
      }
      return get(txn, meta, key(LAST_EVALUATION, profile), List.class)
          .map(l -> l.stream().map(String::valueOf).toList()).orElse(List.of());
    }

    void flush(Txn<byte[]> txn) {
      evaluations.forEach((profile, plugins) -> put(txn, meta, key(LAST_EVALUATION, profile), plugins));
      actives.forEach((profile, a) -> put(txn, active, profile.getBytes(StandardCharsets.UTF_8), a));
    }
  }

  /** Types no read model shows: known, so they need no decoding to find that out. */
  private static boolean ignored(LogRecord r) {
    return r.type().equals("ConfigurationSubmitted") || r.type().equals("StorePathsCollected")
        || r.type().startsWith("Build");
  }

  private void apply(Txn<byte[]> txn, LogRecord r, StatectlEvent e, Pending pending) {
    if (e == null) {
      return;
    }
    if (e instanceof ConfigurationEvaluated ev) {
      pending.evaluations.put(ev.profile(), ev.plugins());
    } else if (e instanceof GenerationCreated g) {
      List<String> plugins = pending.evaluation(txn, g.profile());
      put(txn, generations, generationKey(g.profile(), g.number()), new GenerationRecord(g.profile(), g.number(),
          g.host(), g.storePath(), g.snapshotPath(), r.timestamp(), plugins, r.sequence(), g.source(), g.message()));
    } else if (e instanceof GenerationActivated a) {
      pending.actives.put(a.profile(), new ActiveGeneration(a.profile(), a.number(), r.timestamp(), a.home(), a.root()));
    } else if (e instanceof FileBackedUp b) {
      put(txn, backups, ByteBuffer.allocate(8).putLong(r.sequence()).array(),
          new BackupRecord(r.sequence(), b.profile(), b.livePath(), b.storePath(), b.permissions(), r.timestamp()));
    } else if (e instanceof GenerationsDeleted d) {
      for (int n : d.numbers()) {
        move(txn, generations, deleted, generationKey(d.profile(), n));
      }
    } else if (e instanceof GenerationRestored g) {
      move(txn, deleted, generations, generationKey(g.profile(), g.number()));
    } else if (e instanceof PluginInstalled p) {
      put(txn, plugins, p.id().getBytes(StandardCharsets.UTF_8), new PluginRecord(p.id(), p.version(), p.sha256(),
          p.source(), p.storePath(), p.namespace(), r.timestamp()));
    } else if (e instanceof PluginRemoved p) {
      plugins.delete(txn, p.id().getBytes(StandardCharsets.UTF_8));
    } else if (e instanceof DriftDetected d) {
      put(txn, drift, d.profile().getBytes(StandardCharsets.UTF_8), new DriftRecord(d.profile(), d.generation(),
          d.home(), d.items(), "detected", r.timestamp(), r.sequence()));
    } else if (e instanceof DriftRepaired d) {
      put(txn, drift, d.profile().getBytes(StandardCharsets.UTF_8), new DriftRecord(d.profile(), d.generation(),
          d.home(), d.items(), "repaired", r.timestamp(), r.sequence()));
    } else if (!(e instanceof ConfigurationSubmitted) && !(e instanceof StorePathsCollected)
        && !(e instanceof io.statectl.events.BuildStarted) && !(e instanceof io.statectl.events.BuildSucceeded)
        && !(e instanceof io.statectl.events.BuildFailed) && !(e instanceof io.statectl.events.ActivationFailed)
        && !(e instanceof io.statectl.events.PathSubstituted) && !(e instanceof io.statectl.events.DeployStarted)
        && !(e instanceof io.statectl.events.DeployCompleted) && !(e instanceof io.statectl.events.DeployFailed)
        && !(e instanceof io.statectl.events.ActivationReverted)
        && !(e instanceof io.statectl.events.BootEntriesWritten) && !(e instanceof io.statectl.events.BootDefaultChanged)
        && !(e instanceof io.statectl.events.Installed)) {
      throw new IllegalStateException("no projection rule for " + e.getClass().getSimpleName());
    }
  }

  private static void move(Txn<byte[]> txn, Dbi<byte[]> from, Dbi<byte[]> to, byte[] key) {
    byte[] v = from.get(txn, key);
    if (v != null) {
      to.put(txn, key, v);
      from.delete(txn, key);
    }
  }

  /** Every generation of {@code profile} that is not deleted, by number. */
  public List<GenerationRecord> generations(String profile) {
    return list(generations, profile);
  }

  /** The generations of {@code profile} that {@code statectl gc} deleted, by number. */
  public List<GenerationRecord> deletedGenerations(String profile) {
    return list(deleted, profile);
  }

  /** A deleted generation's record. */
  public Optional<GenerationRecord> deletedGeneration(String profile, int number) {
    try (Txn<byte[]> txn = env.txnRead()) {
      return get(txn, deleted, generationKey(profile, number), GenerationRecord.class);
    }
  }

  /** The last drift recorded for {@code profile}, detected or repaired. */
  public Optional<DriftRecord> drift(String profile) {
    try (Txn<byte[]> txn = env.txnRead()) {
      return get(txn, drift, profile.getBytes(StandardCharsets.UTF_8), DriftRecord.class);
    }
  }

  private List<GenerationRecord> list(Dbi<byte[]> db, String profile) {
    byte[] prefix = (profile + "\0").getBytes(StandardCharsets.UTF_8);
    List<GenerationRecord> out = new ArrayList<>();
    try (Txn<byte[]> txn = env.txnRead();
        CursorIterable<byte[]> it = db.iterate(txn, KeyRange.atLeast(prefix))) {
      for (CursorIterable.KeyVal<byte[]> kv : it) {
        if (!startsWith(kv.key(), prefix)) {
          break;
        }
        out.add(decode(kv.val(), GenerationRecord.class));
      }
    }
    return out;
  }

  public Optional<GenerationRecord> generation(String profile, int number) {
    try (Txn<byte[]> txn = env.txnRead()) {
      return get(txn, generations, generationKey(profile, number), GenerationRecord.class);
    }
  }

  public Optional<ActiveGeneration> active(String profile) {
    try (Txn<byte[]> txn = env.txnRead()) {
      return get(txn, active, profile.getBytes(StandardCharsets.UTF_8), ActiveGeneration.class);
    }
  }

  /** Names of all profiles that have generations, sorted. */
  public List<String> profiles() {
    TreeSet<String> names = new TreeSet<>();
    try (Txn<byte[]> txn = env.txnRead(); CursorIterable<byte[]> it = generations.iterate(txn)) {
      for (CursorIterable.KeyVal<byte[]> kv : it) {
        String k = new String(kv.key(), StandardCharsets.UTF_8);
        names.add(k.substring(0, k.indexOf('\0')));
      }
    }
    return List.copyOf(names);
  }

  public List<BackupRecord> backups() {
    List<BackupRecord> out = new ArrayList<>();
    try (Txn<byte[]> txn = env.txnRead(); CursorIterable<byte[]> it = backups.iterate(txn)) {
      for (CursorIterable.KeyVal<byte[]> kv : it) {
        out.add(decode(kv.val(), BackupRecord.class));
      }
    }
    return out;
  }

  /** The installed plugins, by id. */
  public List<PluginRecord> plugins() {
    List<PluginRecord> out = new ArrayList<>();
    try (Txn<byte[]> txn = env.txnRead(); CursorIterable<byte[]> it = plugins.iterate(txn)) {
      for (CursorIterable.KeyVal<byte[]> kv : it) {
        out.add(decode(kv.val(), PluginRecord.class));
      }
    }
    return out;
  }

  public Optional<BackupRecord> backup(long id) {
    try (Txn<byte[]> txn = env.txnRead()) {
      return get(txn, backups, ByteBuffer.allocate(8).putLong(id).array(), BackupRecord.class);
    }
  }

  private static byte[] generationKey(String profile, int number) {
    byte[] p = (profile + "\0").getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(p.length + 4).put(p).putInt(number).array();
  }

  private static byte[] key(byte[] prefix, String name) {
    byte[] n = name.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(prefix.length + n.length).put(prefix).put(n).array();
  }

  private static boolean startsWith(byte[] a, byte[] prefix) {
    return a.length >= prefix.length && java.util.Arrays.equals(a, 0, prefix.length, prefix, 0, prefix.length);
  }

  private void put(Txn<byte[]> txn, Dbi<byte[]> db, byte[] key, Object value) {
    try {
      db.put(txn, key, json.writeValueAsBytes(value));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private <T> Optional<T> get(Txn<byte[]> txn, Dbi<byte[]> db, byte[] key, Class<T> type) {
    byte[] v = db.get(txn, key);
    return v == null ? Optional.empty() : Optional.of(decode(v, type));
  }

  private <T> T decode(byte[] v, Class<T> type) {
    try {
      return json.readValue(v, type);
    } catch (IOException e) {
      throw new UncheckedIOException("projection record unreadable; delete the projections folder to rebuild it", e);
    }
  }

  @Override
  public void close() {
    env.close();
  }
}
