package io.statectl.shell.engine.cache;

import io.statectl.kernel.cache.BinaryCache;
import io.statectl.kernel.cache.CachePush;
import io.statectl.kernel.cache.InvalidKeyException;
import io.statectl.kernel.cache.SigningKey;
import io.statectl.kernel.store.Store;
import io.statectl.kernel.store.StorePath;
import io.statectl.shell.engine.Output;
import io.statectl.shell.engine.PhaseTimer;
import io.statectl.shell.engine.Request;
import io.statectl.shell.engine.UsageException;
import io.statectl.shell.engine.session.StateSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code statectl cache keygen | push | serve}. */
public final class CacheHandler {
  /** How long one request to a cache may take during a push. */
  static final Duration PUSH_TIMEOUT = Duration.ofSeconds(60);

  private final Output out;
  private final PhaseTimer timer;

  public CacheHandler(Output out, PhaseTimer timer) {
    this.out = out;
    this.timer = timer;
  }

  public int keygen(Request.CacheKeygen r) {
    for (Path f : List.of(r.secretFile(), r.publicFile())) {
      if (Files.exists(f, LinkOption.NOFOLLOW_LINKS)) {
        throw new UsageException(f + " exists already", "keygen never overwrites a key; remove it or pick another file");
      }
    }
    SigningKey key = SigningKey.generate(r.name());
    try {
      // 0600 from creation: the secret is never readable by others, not even for a moment.
      Files.createFile(r.secretFile(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(r.secretFile(), key.render(), StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
      Files.writeString(r.publicFile(), key.publicKey().render(), StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
    } catch (IOException e) {
      throw new InvalidKeyException(r.secretFile().toString(), "cannot write it (" + e.getMessage() + ")",
          "pass files in a writable directory");
    }
    out.result("secret key " + r.secretFile() + " (mode 0600; keep it private)");
    out.result("public key " + r.publicFile() + ": " + key.publicKey().render());
    out.result("trust it with: store.trustedPublicKeys = [ \"" + key.publicKey().render() + "\" ]");
    return 0;
  }

  public int push(Request.CachePush r) {
    if (!r.state().exists()) {
      throw new UsageException("no store at " + r.state().store(), "run `statectl apply` first, or pass --state-dir");
    }
    Optional<SigningKey> key = key(r);
    try (StateSession s = new StateSession(r.state(), timer)) {
      Store store = s.store();
      return upload(r, key, store, roots(s, store, r.source()));
    }
  }

  /** {@code cache push URL --host H --config DIR}: builds the host as apply would (activating nothing), then pushes it. */
  public int pushHost(Request.CachePush r, Request.PushSource.Host h, io.statectl.shell.engine.apply.ApplyHandler builder,
      io.statectl.kernel.eval.ModuleRegistry modules) {
    Optional<SigningKey> key = key(r);
    BinaryCache.open(r.url(), PUSH_TIMEOUT, r.token()); // a bad URL is said before anything is built
    return builder.buildHost(r.state(), h.config(), h.host(), h.platform(), modules,
        (session, roots) -> upload(r, key, session.store(), roots));
  }

  private Optional<SigningKey> key(Request.CachePush r) {
    Optional<SigningKey> key = r.secret().map(SigningKey::read);
    if (key.isEmpty()) {
      out.message("warning: pushing unsigned paths (no --secret): clients that require signatures will refuse them");
    }
    return key;
  }

  private int upload(Request.CachePush r, Optional<SigningKey> key, Store store, List<StorePath> roots) {
    BinaryCache cache = BinaryCache.open(r.url(), PUSH_TIMEOUT, r.token());
    long start = System.nanoTime();
    CachePush.Result result;
    PushProgress progress = new PushProgress(out, r.quiet());
    try {
      result = timer.time("push", () -> {
        try {
          return new CachePush(store, cache, key, r.compression(), r.jobs()).push(roots, progress);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new io.statectl.shell.engine.CancelledException("push");
        }
      });
    } finally {
      progress.end();
    }
    long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
    out.result("pushed " + result.uploaded() + " path(s) (" + result.fileBytes() + " bytes " + r.compression().keyword()
        + "), " + result.alreadyPresent() + " already in " + cache.url() + ", in " + ms + " ms");
    return 0;
  }

  private static List<StorePath> roots(StateSession s, Store store, Request.PushSource source) {
    if (source instanceof Request.PushSource.Paths p) {
        List<StorePath> roots = new ArrayList<>();
        for (String typed : p.paths()) {
          StorePath path = parse(store, typed);
          if (!store.isValid(path)) {
            throw new UsageException(store.toFile(path) + " is not a valid store path", "push only paths of this store");
          }
          roots.add(path);
        }
        return roots;
    }
    if (!(source instanceof Request.PushSource.Generation g)) {
      throw new IllegalArgumentException("cache push --host is pushHost's");
    }
    {
        var record = s.projections().generation(g.profile(), g.number()).orElseThrow(() -> new UsageException(
            "no generation " + g.number() + " of profile " + g.profile(), "list them with `statectl generations`"));
        StorePath path = store.parseStoreFile(Path.of(record.storePath())).filter(store::isValid).orElseThrow(() ->
            new UsageException("generation " + g.number() + " is not in the store (gc removed it)",
                "`statectl switch --generation " + g.number() + "` realises it again"));
        return List.of(path);
    }
  }

  static StorePath parse(Store store, String typed) {
    if (typed.contains("/")) {
      return store.parseStoreFile(Path.of(typed)).orElseThrow(() -> new UsageException(typed + " is not in the store "
          + store.directory(), "name a path under " + store.directory()));
    }
    try {
      return StorePath.parse(typed);
    } catch (RuntimeException e) {
      throw new UsageException(typed + " is not a store path: " + e.getMessage(), "pass <hash>-<name> or an absolute path");
    }
  }

  public int serve(Request.CacheServe r) {
    return new CacheServer(out, timer).run(r);
  }
}
