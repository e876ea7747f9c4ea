package io.statectl.kernel.realise;

import io.statectl.api.Platform;
import io.statectl.kernel.derivation.Derivation;
import io.statectl.kernel.derivation.DerivationDraft;
import io.statectl.kernel.derivation.Instantiator;
import io.statectl.kernel.sandbox.BootstrapTools;
import io.statectl.kernel.sandbox.BubblewrapSandbox;
import io.statectl.kernel.sandbox.CleanEnvironmentSandbox;
import io.statectl.kernel.sandbox.Sandbox;
import io.statectl.kernel.store.InMemoryPathIndex;
import io.statectl.kernel.store.Store;
import io.statectl.kernel.store.StorePath;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/** A temp store with bootstrap tools, an instantiator and a realiser that records what it hears. */
final class BuildFixture implements AutoCloseable {
  final Path state;
  final Store store;
  final Instantiator drvs;
  final StorePath bootstrap;
  final Sandbox sandbox;
  final ConcurrentLinkedQueue<String> heard = new ConcurrentLinkedQueue<>();

  BuildFixture(Path state) {
    this(state, Store.open(state.resolve("store"), new InMemoryPathIndex(), Clock.systemUTC()));
  }

  BuildFixture(Path state, Store store) {
    this.state = state;
    this.store = store;
    this.drvs = new Instantiator(store);
    this.bootstrap = BootstrapTools.ensure(store, state.resolve("bootstrap"));
    this.sandbox = BubblewrapSandbox.detect().<Sandbox>map(s -> s).orElseGet(CleanEnvironmentSandbox::new);
  }

  static boolean bwrap() {
    return BubblewrapSandbox.detect().isPresent();
  }

  String file(StorePath p) {
    return store.toFile(p).toString();
  }

  /** A derivation running {@code script} with bash, the bootstrap tools on PATH. */
  DerivationDraft.Builder script(String name, String script) {
    return DerivationDraft.builder(name, Platform.current().id(), file(bootstrap) + "/bin/bash")
        .arg("-e").arg("-c").arg(script).source(bootstrap).env("PATH", file(bootstrap) + "/bin");
  }

  Realiser realiser() {
    return new Realiser(store, drvs, sandbox, new Fetcher(), new BuildLogs(state.resolve("logs")),
        new PathLocks(state.resolve("locks")), state.resolve("builds"), new BuildListener() {
          @Override
          public void started(StorePath drv, Derivation d) {
            heard.add("started " + d.name());
          }

          @Override
          public void failed(StorePath drv, Derivation d, String reason, Duration took, Path log) {
            heard.add("failed " + d.name() + ": " + reason);
          }

          @Override
          public void succeeded(StorePath drv, Derivation d, Duration took, Path log) {
            heard.add("built " + d.name());
          }
        });
  }

  RealiseResult realise(StorePath... drv) throws InterruptedException {
    return realiser().realise(List.of(drv), 2, DagScheduler.FailurePolicy.KEEP_GOING);
  }

  long started(String name) {
    return heard.stream().filter(s -> s.equals("started " + name)).count();
  }

  static void append(Path f, String line) {
    try {
      java.nio.file.Files.writeString(f, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    store.close();
  }
}
