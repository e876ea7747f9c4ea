package io.statectl.kernel.realise;

import io.statectl.api.Platform;
import io.statectl.kernel.KernelException;
import io.statectl.kernel.derivation.Derivation;
import io.statectl.kernel.derivation.DerivationOutput;
import io.statectl.kernel.derivation.Instantiator;
import io.statectl.kernel.sandbox.Sandbox;
import io.statectl.kernel.sandbox.SandboxJob;
import io.statectl.kernel.store.FileTrees;
import io.statectl.kernel.store.Hash;
import io.statectl.kernel.store.Nar;
import io.statectl.kernel.store.PathInfo;
import io.statectl.kernel.store.Store;
import io.statectl.kernel.store.StorePath;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Makes derivations' outputs valid: walks the DAG of what is missing and builds it with a {@link
 * DagScheduler}, each build in the {@link Sandbox} under the output's {@link PathLocks lock} (so
 * that two statectl processes never build one output twice: the second waits, then finds it
 * valid), followed by the checks that decide whether the output may be registered.
 *
 * <p>Thread-safe; one instance may serve several realisations.
 *
 * <p>Over 400 lines on purpose: build, substitute-first and repair share one per-output lock and
 * work-directory discipline; the scheduling lives in DagScheduler, the commit of outputs in OutputCommits.
 */
public final class Realiser {
  private final Store store;
  private final Instantiator derivations;
  private final Sandbox sandbox;
  private final Fetcher fetcher;
  private final BuildLogs logs;
  private final PathLocks locks;
  private final Path buildsDir;
  private final BuildListener listener;
  private final Path storeDir;
  private final SubstitutionPort substitutes;

  public Realiser(Store store, Instantiator derivations, Sandbox sandbox, Fetcher fetcher, BuildLogs logs,
      PathLocks locks, Path buildsDir, BuildListener listener) {
    this(store, derivations, sandbox, fetcher, logs, locks, buildsDir, listener, SubstitutionPort.NONE);
  }

  /** @param substitutes asked for a derivation's missing outputs before it is built (binary caches) */
  public Realiser(Store store, Instantiator derivations, Sandbox sandbox, Fetcher fetcher, BuildLogs logs,
      PathLocks locks, Path buildsDir, BuildListener listener, SubstitutionPort substitutes) {
    this.substitutes = substitutes;
    this.store = store;
    this.derivations = derivations;
    this.sandbox = sandbox;
    this.fetcher = fetcher;
    this.logs = logs;
    this.locks = locks;
    this.buildsDir = buildsDir;
    this.listener = listener;
    this.storeDir = store.directory();
  }

  /**
   * Makes the outputs of {@code roots} and of everything they need valid, building up to {@code
   * jobs} derivations at once. Failures are values in the result.
   */
  public RealiseResult realise(Collection<StorePath> roots, int jobs, DagScheduler.FailurePolicy policy)
      throws InterruptedException {
    Map<StorePath, Set<StorePath>> graph = new LinkedHashMap<>();
    Set<StorePath> valid = new java.util.HashSet<>();
    if (substitutes != SubstitutionPort.NONE) {
      // The roots' missing outputs in one request: the port fetches them in parallel; what it lacks is asked again below.
      List<StorePath> missing = new ArrayList<>();
      new TreeSet<>(roots).forEach(r -> derivations.get(r).outputs().values().stream().map(DerivationOutput::path)
          .filter(o -> !store.isValid(o)).forEach(missing::add));
      if (missing.size() > 1) {
        substitutes.substitute(missing);
      }
    }
    Deque<StorePath> pending = new ArrayDeque<>(new TreeSet<>(roots));
    while (!pending.isEmpty()) {
      StorePath drv = pending.pop();
      if (graph.containsKey(drv) || valid.contains(drv)) {
        continue;
      }
      Derivation d = derivations.get(drv);
      if (allValid(d) || substituted(d)) {
        valid.add(drv);
        continue;
      }
      Set<StorePath> deps = new LinkedHashSet<>();
      for (StorePath input : d.inputDerivations().keySet()) {
        if (!allValid(derivations.get(input))) {
          deps.add(input);
          pending.push(input);
        } else {
          valid.add(input);
        }
      }
      graph.put(drv, deps);
    }
    listener.planned(graph.size(), valid.size());
    List<BuildFailure> failures = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger built = new AtomicInteger();
    Map<StorePath, DagScheduler.Status> status = Map.of();
    if (!graph.isEmpty()) {
      try (OutputCommits commits = new OutputCommits(store, listener, built, failures)) {
        status = new DagScheduler<StorePath>(jobs, policy).runStaged(graph, drv -> build(drv, commits, failures));
      }
    }
    status.forEach((drv, s) -> {
      if (s == DagScheduler.Status.DEPENDENCY_FAILED) {
        listener.skipped(drv, derivations.get(drv), "a dependency failed");
      } else if (s == DagScheduler.Status.CANCELLED) {
        listener.skipped(drv, derivations.get(drv), "stopped after a failure (--keep-going builds the rest)");
      }
    });
    return new RealiseResult(status, built.get(), valid.size(), failures);
  }

  /**
   * Rebuilds {@code drv}, whose outputs must be valid, and compares the result with them.
   *
   * @throws IllegalStateException if its outputs are not valid, or this sandbox cannot rebuild a
   *     valid path (without isolation a build must write the real path)
   */
  public CheckResult check(StorePath drv) throws InterruptedException {
    Derivation d = derivations.get(drv);
    StorePath out = d.out();
    PathInfo info = store.pathInfo(out).orElseThrow(() -> new IllegalStateException(
        "cannot check " + drv + ": its output " + out + " is not built; build it first"));
    if (sandbox.isolation() != Sandbox.Isolation.ISOLATED && !Derivation.FETCHURL.equals(d.builder())) {
      throw new IllegalStateException("--check needs bubblewrap (the fallback builds at the real store path)");
    }
    try (PathLocks.Held lock = locks.acquire(out); OutputStream log = OutputStream.nullOutputStream()) {
      Path work = workDir(d);
      try {
        Path result = run(drv, d, work, log);
        io.statectl.kernel.store.Canonicaliser.canonicalise(result);
        if (Nar.narHash(result).equals(info.narHash())) {
          return new CheckResult(drv, out, Optional.empty());
        }
        return new CheckResult(drv, out, Optional.of(
            TreeDiff.firstDifference(store.toFile(out), result).orElse("(the archives differ)")));
      } catch (BuildStepException e) {
        throw new IllegalStateException("the rebuild of " + drv + " failed: " + e.getMessage(), e);
      } finally {
        FileTrees.deleteRecursively(work);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Rebuilds {@code drv}, whose output is valid but damaged or missing on disk, and puts the rebuild
   * in place if its archive has the registered hash ({@link Store#replaceContents}); returns
   * whether it did. Under the output's build lock, so no build of it runs meanwhile. Without
   * isolation the builder writes the real path, so the damaged copy is replaced before the hash
   * is compared.
   *
   * @throws IllegalStateException if the rebuild fails
   */
  public boolean repair(StorePath drv) throws InterruptedException {
    Derivation d = derivations.get(drv);
    StorePath out = d.out();
    PathInfo info = store.pathInfo(out).orElseThrow(() -> new IllegalStateException(out + " is not valid"));
    try (PathLocks.Held lock = locks.acquire(out); OutputStream log = OutputStream.nullOutputStream()) {
      Path work = workDir(d);
      try {
        Path result = run(drv, d, work, log);
        if (result.equals(store.toFile(out))) {
          io.statectl.kernel.store.Canonicaliser.canonicalise(result);
          return Nar.narHash(result).equals(info.narHash());
        }
        return store.replaceContents(out, result);
      } catch (BuildStepException e) {
        throw new IllegalStateException("the rebuild of " + drv + " failed: " + e.getMessage(), e);
      } finally {
        FileTrees.deleteRecursively(work);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Top-down, so a substituted output brings its closure and its inputs need neither substitute nor build. */
  private boolean substituted(Derivation d) {
    List<StorePath> missing = new ArrayList<>();
    for (DerivationOutput o : d.outputs().values()) {
      if (!store.isValid(o.path())) {
        missing.add(o.path());
      }
    }
    return substitutes.substitute(missing) && allValid(d);
  }

  private boolean allValid(Derivation d) {
    for (DerivationOutput o : d.outputs().values()) {
      if (!store.isValid(o.path())) {
        return false;
      }
    }
    return true;
  }

  /**
   * Builds {@code drv} under its lock and hands the checked output, still holding the lock, to
   * {@code commits}; returns the outcome, which completes once the output is registered.
   */
  private CompletableFuture<DagScheduler.Outcome> build(StorePath drv, OutputCommits commits,
      List<BuildFailure> failures) throws InterruptedException {
    Derivation d = derivations.get(drv);
    PathLocks.Held lock = locks.acquire(d.out());
    boolean handedOver = false;
    try {
      if (allValid(d)) {
        return CompletableFuture.completedFuture(DagScheduler.Outcome.SUCCEEDED); // built by another process meanwhile
      }
      listener.started(drv, d);
      long start = System.nanoTime();
      Optional<String> reason = Optional.empty();
      PathInfo prepared = null;
      Path work = null;
      try (OutputStream log = logs.create(drv)) {
        if (sandbox.isolation() != Sandbox.Isolation.ISOLATED) {
          // the log says so too: `statectl log` is where one looks when an output looks host-dependent
          new PrintStream(log, true, StandardCharsets.UTF_8).println("statectl: built WITHOUT the sandbox ("
              + sandbox.describe() + "): the builder could read the host's files and reach the network");
        }
        try {
          work = workDir(d);
          Path result = run(drv, d, work, log);
          if (sandbox.isolation() == Sandbox.Isolation.ISOLATED || Derivation.FETCHURL.equals(d.builder())) {
            escapes(result, d.out());
          }
          prepared = prepare(drv, d, result);
        } catch (BuildStepException | KernelException e) {
          reason = Optional.of(e.getMessage());
          new PrintStream(log, true, StandardCharsets.UTF_8).println("error: " + e.getMessage());
        } finally {
          if (prepared == null) {
            cleanUp(d, work);
          }
        }
      } catch (IOException e) {
        reason = Optional.of("build log or directory failed: " + e);
        if (prepared != null) {
          cleanUp(d, work);
          prepared = null;
        }
      }
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      if (reason.isPresent()) {
        Path logFile = logs.file(drv);
        listener.failed(drv, d, reason.get(), took, logFile);
        failures.add(new BuildFailure(drv, reason.get(), Files.exists(logFile) ? Optional.of(logFile) : Optional.empty()));
        return CompletableFuture.completedFuture(DagScheduler.Outcome.FAILED);
      }
      handedOver = true;
      return commits.submit(new OutputCommits.Built(drv, d, prepared, lock, work, took, logs.file(drv),
          new CompletableFuture<>()));
    } finally {
      if (!handedOver) {
        lock.close();
      }
    }
  }

  private Path workDir(Derivation d) throws IOException {
    Files.createDirectories(buildsDir);
    return Files.createTempDirectory(buildsDir, d.name() + "-");
  }

  private void cleanUp(Derivation d, Path work) {
    if (work != null) {
      FileTrees.deleteRecursively(work);
    }
    if (!store.isValid(d.out())) {
      FileTrees.deleteRecursively(store.toFile(d.out())); // a failed unisolated build's partial output
    }
  }

  /** Runs the builder; returns where the output was left (not yet registered). */
  private Path run(StorePath drv, Derivation d, Path work, OutputStream log)
      throws IOException, InterruptedException, BuildStepException {
    Path outFile = store.toFile(d.out());
    if (Derivation.FETCHURL.equals(d.builder())) {
      DerivationOutput.Fixed fixed = (DerivationOutput.Fixed) d.outputs().get("out");
      String url = d.env().getOrDefault("url", "");
      Path file = work.resolve(d.out().toString());
      try {
        fetcher.fetch(url, fixed.sha256(), file, log);
      } catch (IOException e) {
        throw new BuildStepException("cannot fetch " + url + ": " + e.getMessage());
      }
      return file;
    }
    String here = Platform.current().id();
    if (!d.platform().equals(here)) {
      throw new BuildStepException("it needs platform " + d.platform() + " and this machine is " + here);
    }
    Set<StorePath> closure = inputClosure(d);
    Path build = Files.createDirectory(work.resolve("build"));
    Path scratch = Files.createDirectory(work.resolve("store"));
    Path host = sandbox.hostLocation(outFile, scratch);
    if (host.equals(outFile)) {
      FileTrees.deleteRecursively(outFile); // unregistered: garbage of an earlier attempt; we hold its lock
    }
    TreeSet<Path> readOnly = new TreeSet<>();
    closure.forEach(p -> readOnly.add(store.toFile(p)));
    SandboxJob.Network network = d.isFixedOutput() ? SandboxJob.Network.ALLOWED : SandboxJob.Network.NONE;
    int exit = sandbox.run(new SandboxJob(d.builder(), d.args(), d.env(), readOnly, build, storeDir, scratch, network),
        log);
    if (exit != 0) {
      throw new BuildStepException("the builder exited with status " + exit);
    }
    if (!Files.exists(host, LinkOption.NOFOLLOW_LINKS)) {
      throw new BuildStepException("the builder produced nothing at $out (" + outFile + ")");
    }
    if (sandbox.isolation() == Sandbox.Isolation.ISOLATED) {
      Set<String> expected = new java.util.HashSet<>();
      expected.add(d.out().toString());
      closure.forEach(p -> expected.add(p.toString()));
      try (Stream<Path> entries = Files.list(scratch)) {
        List<String> stray = entries.map(p -> p.getFileName().toString()).filter(n -> !expected.contains(n)).sorted()
            .toList();
        if (!stray.isEmpty()) {
          throw new BuildStepException("the builder wrote outside $out: " + storeDir.resolve(stray.get(0))
              + (stray.size() > 1 ? " and " + (stray.size() - 1) + " more" : "") + "; a build may write only $out");
        }
      }
    }
    return host;
  }

  /** Checks the output and moves it into place; {@link OutputCommits} registers it. */
  private PathInfo prepare(StorePath drv, Derivation d, Path result) {
    DerivationOutput o = d.outputs().get("out");
    Optional<String> ca = o instanceof DerivationOutput.Fixed f
        ? Optional.of("fixed:sha256:" + f.sha256().toBase32()) : Optional.empty();
    if (o instanceof DerivationOutput.Fixed f && !Derivation.FETCHURL.equals(d.builder())) {
      checkFixedHash(drv, d, f, result); // fetchurl's Fetcher checked the hash as it downloaded
    }
    Set<StorePath> allowed = o instanceof DerivationOutput.Fixed ? Set.of() : inputClosure(d);
    return store.prepareOutput(result, d.out(), Optional.of(drv), allowed, ca);
  }

  /**
   * A fixed-output derivation's output must have its declared hash, whatever its builder: the
   * SHA-256 of the file (flat, as fetchurl's), or for a directory of its NAR (recursive).
   *
   * @throws HashMismatchException naming the derivation, with both hashes in hex and base-32
   */
  private static void checkFixedHash(StorePath drv, Derivation d, DerivationOutput.Fixed f, Path result) {
    Hash got;
    if (Files.isRegularFile(result, LinkOption.NOFOLLOW_LINKS)) {
      try {
        got = Hash.of(Files.readAllBytes(result));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    } else {
      got = Nar.narHash(result);
    }
    if (!got.equals(f.sha256())) {
      throw new HashMismatchException("the output of " + d.name() + " (" + drv + ")", f.sha256(), got);
    }
  }

  /** The outputs of the input derivations and the input sources, with everything they reference. */
  private Set<StorePath> inputClosure(Derivation d) {
    Set<StorePath> closure = new TreeSet<>();
    d.inputDerivations().forEach((input, outputs) -> {
      Derivation in = derivations.get(input);
      for (String name : outputs) {
        closure.addAll(store.closure(in.outputs().get(name).path()));
      }
    });
    d.inputSources().forEach(src -> closure.addAll(store.closure(src)));
    return closure;
  }

  /**
   * Rejects a relative symlink that leads out of the output; absolute links are kept as they are
   * (never followed), and those into the store are reference-checked with the rest.
   */
  private static void escapes(Path root, StorePath out) throws IOException, BuildStepException {
    List<Path> links = new ArrayList<>();
    try (Stream<Path> all = Files.walk(root)) {
      all.filter(Files::isSymbolicLink).forEach(links::add);
    }
    for (Path link : links) {
      Path target = Files.readSymbolicLink(link);
      if (target.isAbsolute()) {
        continue;
      }
      Path resolved = link.getParent().resolve(target).normalize();
      if (!resolved.startsWith(root) || link.equals(root)) {
        String rel = root.relativize(link).toString();
        throw new BuildStepException("the symlink " + out + (rel.isEmpty() ? "" : "/" + rel) + " -> " + target
            + " leads outside $out; link into the store by absolute path, or copy the file");
      }
    }
  }

  /** A build step failed for a reason the user should read. */
  static final class BuildStepException extends Exception {
    private static final long serialVersionUID = 1L;

    BuildStepException(String message) {
      super(message);
    }
  }
}
