package io.statectl.shell.engine.cache;

import io.statectl.kernel.cache.Compression;
import io.statectl.kernel.cache.NarInfo;
import io.statectl.kernel.cache.NixCacheInfo;
import io.statectl.kernel.cache.Signature;
import io.statectl.kernel.cache.SigningKey;
import io.statectl.kernel.store.Nar;
import io.statectl.kernel.store.PathInfo;
import io.statectl.kernel.store.Store;
import io.statectl.kernel.store.StorePath;
import io.statectl.shell.engine.Output;
import io.statectl.shell.engine.PhaseTimer;
import io.statectl.shell.engine.Request;
import io.statectl.shell.engine.UsageException;
import io.statectl.shell.engine.session.StateSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * {@code statectl cache serve}: a binary cache over HTTP on embedded Jetty 12. Either the local
 * store, described and signed on the fly (uncompressed NARs, {@code nar/<hash>-<NarHash>.nar},
 * written straight from the store's files), or a directory that {@code cache push} filled.
 * HEAD and GET with {@code Content-Length}; PUT only with {@code --allow-put TOKEN} (bearer), and
 * only for a directory, published atomically. Runs until the process is stopped.
 */
final class CacheServer {
  private final Output out;
  private final PhaseTimer timer;

  CacheServer(Output out, PhaseTimer timer) {
    this.out = out;
    this.timer = timer;
  }

  /** What the handler serves for one file name; empty when there is no such file. */
  private interface Files2 {
    Optional<Reply> get(String file) throws IOException;
  }

  /** A file to send: its length and how to write it. */
  private record Reply(long length, String type, Writer body) {}

  @FunctionalInterface
  private interface Writer {
    void write(OutputStream out) throws IOException;
  }

  int run(Request.CacheServe r) {
    if (r.source() instanceof Request.ServeSource.Directory d) {
      {
        if (!Files.isRegularFile(d.dir().resolve(NixCacheInfo.FILE)) && r.putToken().isEmpty()) {
          throw new UsageException(d.dir() + " has no nix-cache-info, so it is not a binary cache",
              "fill it with `statectl cache push file://" + d.dir() + " …`, or serve --store");
        }
        io.statectl.kernel.cache.BinaryCache cache =
            io.statectl.kernel.cache.BinaryCache.open("file://" + d.dir().toAbsolutePath(), java.time.Duration.ofSeconds(30),
                Optional.empty());
        return listen(r, file -> {
          Path p = d.dir().resolve(file).normalize();
          if (!p.startsWith(d.dir().toAbsolutePath().normalize()) && !p.startsWith(d.dir()) || !Files.isRegularFile(p)) {
            return Optional.empty();
          }
          return Optional.of(new Reply(Files.size(p), type(file), o -> Files.copy(p, o)));
        }, Optional.of(cache));
      }
    }
    Request.ServeSource.LocalStore l = (Request.ServeSource.LocalStore) r.source();
    {
        if (r.putToken().isPresent()) {
          throw new UsageException("--allow-put serves a directory, not --store", "serve a directory to accept uploads");
        }
        if (!r.state().exists()) {
          throw new UsageException("no store at " + r.state().store(), "run `statectl apply` first, or pass --state-dir");
        }
        Optional<SigningKey> key = l.secret().map(SigningKey::read);
        try (StateSession s = new StateSession(r.state(), timer)) {
          Store store = s.store();
          return listen(r, file -> fromStore(store, key, file), Optional.empty());
        }
    }
  }

  private static String type(String file) {
    return file.endsWith(".narinfo") ? "text/x-nix-narinfo" : file.equals(NixCacheInfo.FILE) ? "text/plain"
        : "application/x-nix-nar";
  }

  private static Optional<Reply> fromStore(Store store, Optional<SigningKey> key, String file) {
    String storeDir = store.directory().toString();
    if (file.equals(NixCacheInfo.FILE)) {
      return text(new NixCacheInfo(storeDir, true, 30).render());
    }
    if (file.endsWith(".narinfo") && file.length() == StorePath.HASH_LENGTH + ".narinfo".length()) {
      Optional<PathInfo> info = byHash(store, file.substring(0, StorePath.HASH_LENGTH));
      if (info.isEmpty()) {
        return Optional.empty();
      }
      PathInfo i = info.get();
      NarInfo narInfo = new NarInfo(storeDir, i.path(), "nar/" + i.path().hash() + "-" + i.narHash().toBase32() + ".nar",
          Compression.NONE, Optional.of(i.narHash()), OptionalLong.of(i.narSize()), i.narHash(), i.narSize(),
          i.references(), i.deriver(), i.signatures().stream().map(Signature::parse).toList(), i.ca());
      if (key.isPresent() && narInfo.signatures().stream().noneMatch(sig -> sig.keyName().equals(key.get().name()))) {
        narInfo = narInfo.withSignature(key.get().signFingerprint(narInfo.fingerprint()));
      }
      return text(narInfo.render());
    }
    if (file.startsWith("nar/") && file.endsWith(".nar") && file.length() > 4 + StorePath.HASH_LENGTH) {
      String hash = file.substring(4, 4 + StorePath.HASH_LENGTH);
      Optional<PathInfo> info = byHash(store, hash)
          .filter(i -> file.equals("nar/" + i.path().hash() + "-" + i.narHash().toBase32() + ".nar"));
      return info.map(i -> new Reply(i.narSize(), "application/x-nix-nar", o -> Nar.write(store.toFile(i.path()), o)));
    }
    return Optional.empty();
  }

  private static Optional<PathInfo> byHash(Store store, String hash) {
    try {
      return store.byHashPart(hash).flatMap(store::pathInfo);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private static Optional<Reply> text(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return Optional.of(new Reply(bytes.length, "text/plain", o -> o.write(bytes)));
  }

  private int listen(Request.CacheServe r, Files2 files, Optional<io.statectl.kernel.cache.BinaryCache> writable) {
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost(r.host());
    connector.setPort(r.port());
    server.addConnector(connector);
    server.setHandler(new Handler.Abstract() {
      @Override
      public boolean handle(org.eclipse.jetty.server.Request request, Response response, Callback callback) throws Exception {
        String file = request.getHttpURI().getDecodedPath();
        file = file.startsWith("/") ? file.substring(1) : file;
        String method = request.getMethod();
        if (file.contains("..") || file.startsWith("/")) {
          Response.writeError(request, response, callback, 404);
          return true;
        }
        if (HttpMethod.PUT.is(method)) {
          put(request, response, callback, file, r.putToken(), writable);
          return true;
        }
        if (!HttpMethod.GET.is(method) && !HttpMethod.HEAD.is(method)) {
          Response.writeError(request, response, callback, 405);
          return true;
        }
        Optional<Reply> reply = files.get(file);
        if (reply.isEmpty()) {
          Response.writeError(request, response, callback, 404);
          return true;
        }
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.get().type());
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, reply.get().length());
        if (HttpMethod.HEAD.is(method)) {
          callback.succeeded();
          return true;
        }
        try (OutputStream body = Content.Sink.asOutputStream(response)) {
          reply.get().body().write(body);
        }
        callback.succeeded();
        return true;
      }
    });
    try {
      server.start();
    } catch (Exception e) {
      throw new UsageException("cannot listen on " + r.host() + ":" + r.port() + ": " + e.getMessage(),
          "pick a free port with --listen 127.0.0.1:PORT");
    }
    int port = connector.getLocalPort();
    out.message("serving " + (r.source() instanceof Request.ServeSource.Directory d ? d.dir() : "the store")
        + " at http://" + r.host() + ":" + port + (r.putToken().isPresent() ? " (uploads allowed with the token)" : " (read-only)"));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        server.stop();
      } catch (Exception ignored) {
        // exiting anyway
      }
      stopped.countDown();
    }));
    try {
      server.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  private static void put(org.eclipse.jetty.server.Request request, Response response, Callback callback, String file,
      Optional<String> token, Optional<io.statectl.kernel.cache.BinaryCache> writable) throws IOException {
    if (token.isEmpty() || writable.isEmpty()) {
      Response.writeError(request, response, callback, 405);
      return;
    }
    String auth = request.getHeaders().get(HttpHeader.AUTHORIZATION);
    if (auth == null || !java.security.MessageDigest.isEqual(("Bearer " + token.get()).getBytes(StandardCharsets.UTF_8),
        auth.getBytes(StandardCharsets.UTF_8))) {
      Response.writeError(request, response, callback, 401);
      return;
    }
    Path temp = Files.createTempFile("statectl-put-", ".part");
    try {
      try (InputStream body = Content.Source.asInputStream(request)) {
        Files.copy(body, temp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      writable.get().put(file, temp); // whole or not at all
    } finally {
      Files.deleteIfExists(temp);
    }
    response.setStatus(201);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0);
    callback.succeeded();
  }
}
