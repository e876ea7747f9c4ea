package io.statectl.shell.engine.inspect;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.statectl.kernel.realise.BuildLogs;
import io.statectl.kernel.store.PathInfo;
import io.statectl.kernel.store.Store;
import io.statectl.kernel.store.StorePath;
import io.statectl.shell.engine.Output;
import io.statectl.shell.engine.PhaseTimer;
import io.statectl.shell.engine.Request;
import io.statectl.shell.engine.UsageException;
import io.statectl.shell.engine.session.StateSession;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Read-only questions about the store: {@code log}, {@code why-depends}, {@code path-info --closure-size}. */
public final class StoreQueries {
  private final Output out;
  private final PhaseTimer timer;

  public StoreQueries(Output out, PhaseTimer timer) {
    this.out = out;
    this.timer = timer;
  }

  public int log(Request.Log r) {
    requireState(r.state().exists(), r);
    try (StateSession s = new StateSession(r.state(), timer)) {
      Store store = s.store();
      StorePath p = parse(store, r.path());
      StorePath drv = p.name().endsWith(".drv") ? p : store.pathInfo(p).flatMap(PathInfo::deriver)
          .orElseThrow(() -> new UsageException(store.toFile(p) + " was not built by statectl (it has no deriver)",
              "give the .drv or an output path that `statectl build` produced"));
      BuildLogs logs = new BuildLogs(r.state().logs());
      Optional<InputStream> log = logs.open(drv);
      if (log.isEmpty()) {
        throw new UsageException("no build log for " + store.toFile(drv),
            "it was never built here (or was fetched from a cache); `statectl build` keeps a log per derivation");
      }
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(log.get(), StandardCharsets.UTF_8))) {
        reader.lines().forEach(out::result);
      }
      return 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int whyDepends(Request.WhyDepends r) {
    requireState(r.state().exists(), r);
    try (StateSession s = new StateSession(r.state(), timer)) {
      Store store = s.store();
      StorePath from = valid(store, parse(store, r.from()));
      StorePath to = valid(store, parse(store, r.to()));
      Map<StorePath, StorePath> parent = new HashMap<>();
      Deque<StorePath> queue = new ArrayDeque<>(List.of(from));
      parent.put(from, from);
      while (!queue.isEmpty() && !parent.containsKey(to)) {
        StorePath next = queue.poll();
        for (StorePath ref : store.pathInfo(next).orElseThrow().references()) {
          if (parent.putIfAbsent(ref, next) == null) {
            queue.add(ref);
          }
        }
      }
      if (!parent.containsKey(to)) {
        out.result(store.toFile(from) + " does not depend on " + store.toFile(to));
        return 0;
      }
      List<StorePath> chain = new ArrayList<>();
      for (StorePath p = to; !p.equals(from); p = parent.get(p)) {
        chain.add(p);
      }
      chain.add(from);
      Collections.reverse(chain);
      for (int i = 0; i < chain.size(); i++) {
        out.result((i == 0 ? "" : "   ".repeat(i - 1) + "└─ ") + store.toFile(chain.get(i)));
      }
      return 0;
    }
  }

  public int closureSize(Request.ClosureSize r) {
    requireState(r.state().exists(), r);
    try (StateSession s = new StateSession(r.state(), timer)) {
      Store store = s.store();
      StorePath p = valid(store, parse(store, r.path()));
      Set<StorePath> closure = store.closure(p);
      long size = 0;
      for (StorePath c : closure) {
        size += store.pathInfo(c).orElseThrow().narSize();
      }
      long own = store.pathInfo(p).orElseThrow().narSize();
      if (r.format() == Request.Format.JSON) {
        out.result(new ObjectMapper().createObjectNode().put("path", store.toFile(p).toString()).put("narSize", own)
            .put("closureSize", size).put("closurePaths", closure.size()).toString());
      } else {
        out.result(store.toFile(p) + "\t" + human(own) + "\t" + human(size) + " in " + closure.size() + " path(s)");
      }
      return 0;
    }
  }

  static String human(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = bytes;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
  }

  private static void requireState(boolean exists, Request r) {
    if (!exists) {
      throw new UsageException("no store at " + r.state().store(), "run `statectl build` or `apply` first, or pass --state-dir");
    }
  }

  private static StorePath valid(Store store, StorePath p) {
    if (!store.isValid(p)) {
      throw new UsageException(store.toFile(p) + " is not a valid store path", "build it first with `statectl build`");
    }
    return p;
  }

  /** A store path given as a file under the store or as its {@code <hash>-<name>} part; a usage error otherwise. */
  static StorePath parse(Store store, String text) {
    Optional<StorePath> p = text.contains("/")
        ? store.parseStoreFile(Path.of(text).toAbsolutePath())
        : Optional.of(text).flatMap(t -> {
          try {
            return Optional.of(StorePath.parse(t));
          } catch (RuntimeException e) {
            return Optional.empty();
          }
        });
    return p.orElseThrow(() -> new UsageException("'" + text + "' is not a path in the store " + store.directory(),
        "give a path under " + store.directory() + " or its <hash>-<name> part"));
  }
}
