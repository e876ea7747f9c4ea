package io.statectl.shell.cli;

import io.statectl.kernel.cache.Compression;
import io.statectl.shell.engine.Request;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "cache", mixinStandardHelpOptions = true,
    description = "A binary cache in Nix's format: keys, push, serve (substitution is part of build and apply).",
    subcommands = {CacheCommand.Keygen.class, CacheCommand.Push.class, CacheCommand.Serve.class})
final class CacheCommand {

  @Command(name = "keygen", mixinStandardHelpOptions = true,
      description = "Make an Ed25519 key pair in Nix's format: secret NAME:base64(64 bytes), mode 0600; public NAME:base64(32 bytes).")
  static final class Keygen implements Callable<Integer> {
    @Mixin StateOptions state;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "The key's name, e.g. cache.example.org-1.")
    String name;

    @Option(names = "--secret", required = true, paramLabel = "FILE", description = "Where to write the secret key (never overwritten).")
    Path secret;

    @Option(names = "--public", required = true, paramLabel = "FILE", description = "Where to write the public key.")
    Path publicKey;

    @Override
    public Integer call() {
      Invocation inv = Invocation.current();
      return Run.request(new Request.CacheKeygen(state.state(), name, inv.resolve(secret.toString()),
          inv.resolve(publicKey.toString())));
    }
  }

  @Command(name = "push", mixinStandardHelpOptions = true,
      description = "Upload the closure's paths that the cache lacks: NARs first, each narinfo after its NAR. "
          + "The closure is of PATHs, of generation N, or of a host's configuration (built as apply would, activating nothing).")
  static final class Push implements Callable<Integer> {
    @Mixin StateOptions state;

    @Parameters(index = "0", paramLabel = "URL", description = "file:///dir, http://host:port or https://… (HTTP PUT).")
    String url;

    @Parameters(index = "1..*", paramLabel = "PATH", arity = "0..*", description = "Store paths whose closures to push.")
    List<String> paths = List.of();

    @Option(names = "--generation", paramLabel = "N", description = "Push generation N's closure instead of PATHs.")
    Integer generation;

    @Option(names = "--host", paramLabel = "NAME", description = "Build hosts/<NAME>.toml of --config (packages and "
        + "generations, nothing activated) and push that, instead of PATHs.")
    String host;

    @Option(names = "--config", paramLabel = "DIR", description = "With --host: the configuration repository "
        + "(default: $STATECTL_CONFIG, else the current directory).")
    Path config;

    @Mixin PlatformOption platform;

    @Option(names = {"-q", "--quiet"}, description = "No progress: neither the live line on a terminal nor a line per path.")
    boolean quiet;

    @Mixin ProfileOption profile;

    @Option(names = "--secret", paramLabel = "FILE", description = "Sign with this secret key (from `cache keygen`).")
    Path secret;

    @Option(names = "--compression", paramLabel = "KIND", defaultValue = "zstd", description = "zstd (default), xz or none.")
    String compression;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", defaultValue = "4", description = "Parallel uploads (default 4).")
    int jobs;

    @Option(names = "--token", paramLabel = "TOKEN", description = "Bearer token for HTTP uploads (`cache serve --allow-put`).")
    String token;

    @Override
    public Integer call() {
      Compression c = Compression.byKeyword(compression.toLowerCase(Locale.ROOT)).orElseThrow(() ->
          new io.statectl.shell.engine.UsageException("unknown --compression " + compression, "use zstd, xz or none"));
      int sources = (generation != null ? 1 : 0) + (paths.isEmpty() ? 0 : 1) + (host != null ? 1 : 0);
      if (sources != 1) {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
            "cache push needs exactly one of PATHs, --generation N or --host NAME; "
            + "e.g. statectl cache push file:///srv/cache --host web --config ./config");
      }
      if (config != null && host == null) {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--config goes with --host NAME");
      }
      Request.PushSource source = generation != null ? new Request.PushSource.Generation(generation, profile.profile)
          : host != null ? new Request.PushSource.Host(ConfigLocation.config(config), host, platform.platform())
          : new Request.PushSource.Paths(paths.stream().map(Run::typedPath).toList());
      Invocation inv = Invocation.current();
      String target = url.startsWith("file://") ? "file://" + inv.resolve(url.substring("file://".length())) : url;
      return Run.request(new Request.CachePush(state.state(), target, source,
          Optional.ofNullable(secret).map(s -> inv.resolve(s.toString())), c, jobs, Optional.ofNullable(token), quiet));
    }
  }

  @Command(name = "serve", mixinStandardHelpOptions = true,
      description = "Serve a binary cache over HTTP (read-only unless --allow-put): the local store, or a pushed directory.")
  static final class Serve implements Callable<Integer> {
    @Mixin StateOptions state;

    static final class Source {
      @Option(names = "--store", description = "Serve the local store, signed on the fly with --secret.")
      boolean store;

      @Parameters(paramLabel = "DIR", arity = "0..1", description = "A directory that `cache push file://DIR` filled.")
      Path dir;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--secret", paramLabel = "FILE", description = "With --store: sign narinfos with this secret key.")
    Path secret;

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:5000",
        description = "Where to listen (default 127.0.0.1:5000; port 0 picks a free one and prints it).")
    String listen;

    @Option(names = "--allow-put", paramLabel = "TOKEN", description = "Accept HTTP PUT uploads into DIR with this bearer token.")
    String putToken;

    @Override
    public Integer call() {
      Invocation inv = Invocation.current();
      int colon = listen.lastIndexOf(':');
      if (colon <= 0) {
        throw new io.statectl.shell.engine.UsageException("--listen " + listen + " is not HOST:PORT", "e.g. --listen 127.0.0.1:5000");
      }
      int port;
      try {
        port = Integer.parseInt(listen.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new io.statectl.shell.engine.UsageException("--listen " + listen + ": the port is not a number", "e.g. --listen 127.0.0.1:5000");
      }
      Request.ServeSource s = source.store
          ? new Request.ServeSource.LocalStore(Optional.ofNullable(secret).map(f -> inv.resolve(f.toString())))
          : new Request.ServeSource.Directory(inv.resolve(source.dir.toString()));
      return Run.request(new Request.CacheServe(state.state(), s, listen.substring(0, colon), port,
          Optional.ofNullable(putToken)));
    }
  }
}
