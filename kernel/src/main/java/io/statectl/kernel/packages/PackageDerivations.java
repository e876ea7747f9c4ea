package io.statectl.kernel.packages;

import io.statectl.api.Platform;
import io.statectl.api.module.ConfigProblem;
import io.statectl.kernel.derivation.Derivation;
import io.statectl.kernel.derivation.DerivationDraft;
import io.statectl.kernel.derivation.Instantiator;
import io.statectl.kernel.eval.ConfigInvalidException;
import io.statectl.kernel.store.EntryMode;
import io.statectl.kernel.store.Store;
import io.statectl.kernel.store.StorePath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;


/**
 * Turns packages into derivations stored in the store: sources and patches are added
 * content-addressed, a URL source becomes a fixed-output fetch, and the package's build runs
 * {@code bash -e} on a generic setup script (unpack {@code $src}, apply {@code $patches}, run
 * {@code $buildCommand}) with the bootstrap tools and the buildInputs' {@code bin/} on PATH.
 *
 * <p>Not thread-safe; one instance per instantiation.
 */
public final class PackageDerivations {
  /** The generic builder; its text is part of every package's hash. */
  static final String SETUP = """
      set -e
      if [ -n "${src:-}" ]; then
        if [ -d "$src" ]; then
          cp -R "$src" source
          chmod -R u+w source
          cd source
        else
          mkdir source
          cd source
          case "$src" in
            *.tar.gz|*.tgz|*.tar|*.tar.bz2|*.tar.xz)
              tar xf "$src"
              set -- *
              if [ $# -eq 1 ] && [ -d "$1" ]; then cd "$1"; fi
              ;;
            *) cp "$src" "$(basename "$src" | cut -c34-)" ;;
          esac
        fi
      else
        mkdir source
        cd source
      fi
      for p in ${patches:-}; do
        echo "applying patch $p"
        patch -p1 --no-backup-if-mismatch < "$p"
      done
      eval "$buildCommand"
      """;

  private final Store store;
  private final Instantiator instantiator;
  private final Path repository;
  private final StorePath bootstrap;
  private final Platform platform;
  private final PackageSet packages;
  private final Map<String, StorePath> done = new HashMap<>();
  private StorePath setup;

  /**
   * @param repository the configuration repository's root, against which package paths resolve
   * @param bootstrap the bootstrap tools' store path
   */
  public PackageDerivations(Store store, Instantiator instantiator, Path repository, StorePath bootstrap,
      Platform platform, PackageSet packages) {
    this.store = store;
    this.instantiator = instantiator;
    this.repository = repository;
    this.bootstrap = bootstrap;
    this.platform = platform;
    this.packages = packages;
  }

  /** Whether {@code spec} builds on this platform. */
  public boolean supported(PackageSpec spec) {
    return spec.platforms().isEmpty() || spec.platforms().contains(platform.id());
  }

  /**
   * Stores the derivation of package {@code name} and of everything it needs; returns its {@code
   * .drv} path.
   *
   * @throws ConfigInvalidException if a source or patch is missing on disk
   */
  public StorePath derivation(String name) {
    StorePath known = done.get(name);
    if (known != null) {
      return known;
    }
    PackageSpec p = packages.get(name).orElseThrow(() -> new IllegalArgumentException("no package " + name));
    String sh = storePathText(bootstrap) + "/bin/bash";
    DerivationDraft.Builder b = DerivationDraft.builder(p.storeName(), platform.id(), sh)
        .arg("-e").arg(storePathText(setupScript())).source(bootstrap).source(setupScript())
        .env("name", p.storeName()).env("version", p.version()).env("buildCommand", p.build());
    if (p.src().isPresent()) {
      PackageSpec.Source s = p.src().get();
      if (s instanceof PackageSpec.Local local) {
        Path file = repository.resolve(local.path()).normalize();
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
          throw new ConfigInvalidException(List.of(new ConfigProblem(local.location(),
              "packages." + name + ".src: not found: " + local.path(),
              "paths are relative to the file that names them; create it or fix the path")));
        }
        StorePath src = store.addTree(file, sourceName(file.getFileName().toString(), p));
        b.source(src).env("src", storePathText(src));
      } else {
        PackageSpec.Url url = (PackageSpec.Url) s;
        StorePath fetch = instantiator.add(DerivationDraft.builder(sourceName(url.url(), p), "builtin",
            Derivation.FETCHURL).env("url", url.url()).fixedOutput(url.sha256()).build());
        b.input(fetch).env("src", storePathText(instantiator.get(fetch).out()));
      }
    }
    List<String> patches = new ArrayList<>();
    for (String patch : p.patches()) {
      StorePath ps = store.addTree(repository.resolve(patch), sourceName(Path.of(patch).getFileName().toString(), p));
      b.source(ps);
      patches.add(storePathText(ps));
    }
    b.env("patches", String.join(" ", patches));
    List<String> path = new ArrayList<>();
    List<String> inputs = new ArrayList<>();
    for (String input : p.buildInputs()) {
      StorePath drv = derivation(input);
      b.input(drv);
      String out = storePathText(instantiator.get(drv).out());
      inputs.add(out);
      path.add(out + "/bin");
    }
    path.add(storePathText(bootstrap) + "/bin");
    b.env("buildInputs", String.join(" ", inputs)).env("PATH", String.join(":", path));
    StorePath drv = instantiator.add(b.build());
    done.put(name, drv);
    return drv;
  }

  private StorePath setupScript() {
    if (setup == null) {
      setup = store.addBytes("statectl-setup.sh", SETUP.getBytes(StandardCharsets.UTF_8), EntryMode.REGULAR);
    }
    return setup;
  }

  private String storePathText(StorePath p) {
    return store.toFile(p).toString();
  }

  /** A valid store path name from a file name or URL, falling back to the package's name. */
  private static String sourceName(String raw, PackageSpec p) {
    String base = StorePath.safeNameChars(raw.substring(raw.lastIndexOf('/') + 1));
    while (base.startsWith(".")) {
      base = base.substring(1);
    }
    return base.isEmpty() ? p.storeName() + "-source" : base;
  }

  /** The derivations of the named packages (or, when empty, of every supported one). */
  public Map<String, StorePath> derivations(List<String> names) {
    Map<String, StorePath> out = new java.util.LinkedHashMap<>();
    List<String> wanted = names.isEmpty()
        ? packages.all().values().stream().filter(this::supported).map(PackageSpec::name).toList() : names;
    for (String n : wanted) {
      out.put(n, derivation(n));
    }
    return out;
  }

}
