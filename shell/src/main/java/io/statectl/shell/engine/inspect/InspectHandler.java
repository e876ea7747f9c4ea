package io.statectl.shell.engine.inspect;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.statectl.events.ConfigurationSubmitted;
import io.statectl.events.EventJson;
import io.statectl.events.log.LogRecord;
import io.statectl.kernel.diff.FileChange;
import io.statectl.kernel.diff.GenerationDiff;
import io.statectl.kernel.generation.ActivationManifest;
import io.statectl.kernel.profile.GenerationUnknownException;
import io.statectl.kernel.store.FileTrees;
import io.statectl.kernel.store.PathInfo;
import io.statectl.kernel.store.Store;
import io.statectl.kernel.store.StorePath;
import io.statectl.projections.ProjectionStore;
import io.statectl.projections.generations.ActiveGeneration;
import io.statectl.projections.generations.GenerationRecord;
import io.statectl.shell.engine.Output;
import io.statectl.shell.engine.PhaseTimer;
import io.statectl.shell.engine.Profiles;
import io.statectl.shell.engine.Request;
import io.statectl.shell.engine.UsageException;
import io.statectl.shell.engine.apply.Manifests;
import io.statectl.shell.engine.session.StateSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code statectl show-generation N} and {@code statectl diff A B}: read-only, from projections, log and store. */
public final class InspectHandler {
  private static final String RED = "\u001b[31m";
  private static final String GREEN = "\u001b[32m";
  private static final String CYAN = "\u001b[36m";
  private static final String BOLD = "\u001b[1m";
  private static final String RESET = "\u001b[0m";
  private final Output out;
  private final PhaseTimer timer;
  private final ObjectMapper json = EventJson.newMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public InspectHandler(Output out, PhaseTimer timer) {
    this.out = out;
    this.timer = timer;
  }

  /** A generation whether live or deleted, and whether it is deleted. */
  private record Found(GenerationRecord record, boolean deleted) {}

  private static Found find(ProjectionStore p, String profile, int number) {
    Optional<GenerationRecord> live = p.generation(profile, number);
    if (live.isPresent()) {
      return new Found(live.get(), false);
    }
    return p.deletedGeneration(profile, number).map(g -> new Found(g, true)).orElseThrow(() -> {
      List<GenerationRecord> all = p.generations(profile);
      return new GenerationUnknownException(profile, number, all.isEmpty() ? 0 : all.get(all.size() - 1).number());
    });
  }

  public int show(Request.ShowGeneration r) {
    String profile = Profiles.checked(r.profile());
    if (!r.state().exists()) {
      throw new GenerationUnknownException(profile, r.number(), 0);
    }
    try (StateSession s = new StateSession(r.state(), timer)) {
      ProjectionStore p = s.projections();
      Found f = find(p, profile, r.number());
      GenerationRecord g = f.record();
      int active = p.active(profile).map(ActiveGeneration::number).orElse(0);
      Store store = s.store();
      Optional<StorePath> path = store.parseStoreFile(Path.of(g.storePath())).filter(store::isValid);
      List<PathInfo> closure = path.map(x -> store.closure(x).stream()
          .map(c -> store.pathInfo(c).orElseThrow()).toList()).orElse(List.of());
      long closureSize = closure.stream().mapToLong(PathInfo::narSize).sum();
      Optional<ActivationManifest> manifest = Manifests.read(g.storePath());
      Optional<GenerationRecord> before = previous(p, profile, g.number());
      List<FileChange> changes = before.flatMap(b -> Manifests.read(b.storePath())
          .flatMap(mb -> manifest.map(m -> GenerationDiff.files(Path.of(b.storePath()), mb, Path.of(g.storePath()), m))))
          .orElse(List.of());
      ServiceSections sections = before.flatMap(b -> Manifests.read(b.storePath())
          .flatMap(mb -> manifest.map(m -> ServiceSections.between(Path.of(b.storePath()), mb, Path.of(g.storePath()), m))))
          .orElse(new ServiceSections(List.of(), List.of()));
      List<LogRecord> events = GenerationEvents.of(s.log(), g);
      Optional<String> configDir = events.stream().map(LogRecord::event)
          .filter(e -> e instanceof ConfigurationSubmitted).map(e -> ((ConfigurationSubmitted) e).configDir()).findFirst();
      Optional<String> user = events.stream().filter(e -> e.type().equals("GenerationCreated"))
          .map(e -> metadata(e, "user")).flatMap(Optional::stream).findFirst();
      if (r.format() == Request.Format.JSON) {
        ObjectNode n = json.valueToTree(g);
        n.put("active", g.number() == active);
        n.put("deleted", f.deleted());
        n.put("inStore", path.isPresent());
        configDir.ifPresent(c -> n.put("configDir", c));
        user.ifPresent(u -> n.put("user", u));
        n.put("entries", manifest.map(m -> m.entries().size()).orElse(0));
        ObjectNode c = n.putObject("closure");
        c.put("narSize", closureSize);
        ArrayNode paths = c.putArray("paths");
        closure.forEach(i -> paths.add(store.toFile(i.path()).toString()));
        before.ifPresent(b -> n.put("comparedWith", b.number()));
        ArrayNode ch = n.putArray("changes");
        changes.forEach(x -> ch.add(json.createObjectNode().put("change", x.change()).put("target", x.target())));
        sections.services(n.putArray("services"));
        sections.etc(n.putArray("etc"));
        ArrayNode ev = n.putArray("events");
        events.forEach(e -> ev.add(json.createObjectNode().put("sequence", e.sequence()).put("type", e.type())
            .put("timestamp", e.timestamp().toString())));
        print(n);
        return 0;
      }
      out.result("generation " + g.number() + (g.number() == active ? " (active)" : "")
          + (f.deleted() ? " (deleted by gc" + (path.isPresent() ? "" : "; replay --to-generation " + g.number()
              + " --apply realises it again") + ")" : ""));
      out.result("  created     " + ReadHandler.TIME.format(g.createdAt()) + " UTC" + user.map(u -> " by " + u).orElse("")
          + ", host " + g.host());
      out.result("  store path  " + g.storePath() + (path.isPresent() ? "" : " (not in the store)"));
      out.result("  config      " + g.snapshotPath() + configDir.map(d -> " (from " + d + ")").orElse(""));
      g.revision().ifPresent(v -> out.result("  commit      " + v.commit().substring(0, 12)
          + (v.branch() == null ? " (detached)" : " on " + v.branch()) + (v.dirty() ? ", work tree dirty" : "")
          + ": " + v.subject()));
      g.note().ifPresent(m -> out.result("  message     " + m));
      out.result("  plugins     " + (g.plugins().isEmpty() ? "(none recorded)" : String.join(", ", g.plugins())));
      out.result("  entries     " + manifest.map(m -> Integer.toString(m.entries().size())).orElse("(unknown)"));
      out.result("  closure     " + closure.size() + " path(s), " + closureSize + " bytes");
      closure.forEach(i -> out.result("                " + store.toFile(i.path())));
      if (before.isPresent()) {
        out.result("  changes since generation " + before.get().number() + ":" + (changes.isEmpty() ? " none" : ""));
        changes.forEach(x -> out.result("    " + symbol(x.change()) + " " + x.target()));
        if (!sections.services().isEmpty()) {
          out.result("  services since generation " + before.get().number() + ":");
          sections.serviceLines(false).forEach(l -> out.result("    " + l));
        }
        if (!sections.etc().isEmpty()) {
          out.result("  /etc since generation " + before.get().number() + ":");
          sections.etcLines(false).forEach(l -> out.result("    " + l));
        }
      }
      out.result("  events:");
      events.forEach(e -> out.result(String.format("    %6d  %s  %-22s %s", e.sequence(),
          ReadHandler.TIME.format(e.timestamp()), e.type(), EventSummaries.summary(e.event()))));
      return 0;
    }
  }

  private static Optional<GenerationRecord> previous(ProjectionStore p, String profile, int number) {
    for (int n = number - 1; n >= 1; n--) {
      int k = n;
      Optional<GenerationRecord> g = p.generation(profile, k).or(() -> p.deletedGeneration(profile, k));
      if (g.isPresent()) {
        return g;
      }
    }
    return Optional.empty();
  }

  private Optional<String> metadata(LogRecord r, String key) {
    try {
      var node = json.readTree(r.metadata()).get(key);
      return node == null || !node.isTextual() ? Optional.empty() : Optional.of(node.asText());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** One side of a diff: a label, its generation tree and manifest, host, plugins, closure size. */
  /** @param packages names of the package outputs in the closure; empty when not known (a configuration) */
  private record Side(String label, Path tree, ActivationManifest manifest, String host, List<String> plugins,
      long closure, Optional<List<String>> packages) {}

  public int diff(Request.Diff r, Path pluginDir) {
    String profile = Profiles.checked(r.profile());
    if (!profile.equals(Profiles.SYSTEM) && r.to() instanceof Request.DiffTarget.Configuration) {
      throw new UsageException("diff --config compares with the system profile only, for now (a home profile's "
          + "packages would have to be built)", "compare two generations: statectl diff A B --profile " + profile);
    }
    if (!r.state().exists()) {
      throw new GenerationUnknownException(profile, r.from(), 0);
    }
    Path scratch = null;
    try (StateSession s = new StateSession(r.state(), timer)) {
      ProjectionStore p = s.projections();
      GenerationRecord a = find(p, profile, r.from()).record();
      Side sa = new Side(Integer.toString(a.number()), Path.of(a.storePath()), manifest(a), a.host(), a.plugins(),
          closureSize(s.store(), a), Optional.of(packages(s.store(), a)));
      Side sb;
      if (r.to() instanceof Request.DiffTarget.Generation g) {
        GenerationRecord b = find(p, profile, g.number()).record();
        sb = new Side(Integer.toString(b.number()), Path.of(b.storePath()), manifest(b), b.host(), b.plugins(),
            closureSize(s.store(), b), Optional.of(packages(s.store(), b)));
      } else {
        Request.DiffTarget.Configuration c = (Request.DiffTarget.Configuration) r.to();
        scratch = createScratch();
        sb = build(c, pluginDir, scratch);
      }
      return render(r, sa, sb);
    } finally {
      if (scratch != null) {
        FileTrees.deleteRecursively(scratch);
      }
    }
  }

  private static Path createScratch() {
    try {
      return java.nio.file.Files.createTempDirectory("statectl-diff");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory", e);
    }
  }

  /** Evaluates a configuration and builds its generation into a throw-away store under {@code scratch}. */
  private Side build(Request.DiffTarget.Configuration c, Path pluginDir, Path scratch) {
    try (io.statectl.kernel.plugins.PluginHost plugins = timer.time("pf4j load plugins",
            () -> io.statectl.kernel.plugins.PluginHost.load(pluginDir));
        Store store = Store.open(scratch.resolve("store"), new io.statectl.kernel.store.InMemoryPathIndex(),
            java.time.Clock.systemUTC())) {
      io.statectl.kernel.eval.Evaluation e = new io.statectl.kernel.eval.Evaluator(plugins).evaluate(
          new io.statectl.kernel.config.DirectoryConfigFileSystem(c.config().toAbsolutePath().normalize()), c.host());
      if (e instanceof io.statectl.kernel.eval.Evaluation.Failure f) {
        throw new io.statectl.kernel.eval.ConfigInvalidException(f.problems());
      }
      io.statectl.kernel.eval.Evaluation.Success ok = (io.statectl.kernel.eval.Evaluation.Success) e;
      io.statectl.kernel.generation.BuiltGeneration built =
          new io.statectl.kernel.generation.GenerationBuilder(store).build(Profiles.SYSTEM, ok);
      long size = store.closure(built.path()).stream()
          .mapToLong(x -> store.pathInfo(x).map(PathInfo::narSize).orElse(0L)).sum();
      java.nio.file.Files.walk(scratch).forEach(x -> x.toFile().setWritable(true));
      return new Side(c.config() + " (host " + c.host() + ")", store.toFile(built.path()), built.manifest(), ok.host(),
          ok.plugins(), size, Optional.empty());
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  private int render(Request.Diff r, Side a, Side b) {
    {
      List<FileChange> files = timer.time("diff", () -> GenerationDiff.files(a.tree(), a.manifest(), b.tree(),
          b.manifest()));
      ServiceSections sections = timer.time("diff services", () -> ServiceSections.between(a.tree(), a.manifest(),
          b.tree(), b.manifest()));
      long sizeA = a.closure();
      long sizeB = b.closure();
      if (r.format() == Request.Format.JSON) {
        ObjectNode n = json.createObjectNode();
        n.put("from", Integer.parseInt(a.label()));
        if (r.to() instanceof Request.DiffTarget.Generation g) {
          n.put("to", g.number());
        } else {
          Request.DiffTarget.Configuration c = (Request.DiffTarget.Configuration) r.to();
          n.put("to", "configuration");
          n.put("config", c.config().toAbsolutePath().normalize().toString());
        }
        n.set("files", json.valueToTree(files));
        ArrayNode pk = n.putArray("packages");
        packageChanges(a, b).forEach(pk::add);
        sections.services(n.putArray("services"));
        sections.etc(n.putArray("etc"));
        ArrayNode sc = n.putArray("secrets");
        io.statectl.kernel.secrets.SecretsDiff.lines(a.tree(), b.tree()).forEach(sc::add);
        n.putObject("closure").put("from", sizeA).put("to", sizeB).put("delta", sizeB - sizeA);
        n.put("hostFrom", a.host());
        n.put("hostTo", b.host());
        n.set("pluginsFrom", json.valueToTree(a.plugins()));
        n.set("pluginsTo", json.valueToTree(b.plugins()));
        print(n);
        return 0;
      }
      boolean color = out.interactive();
      out.result(paint(color, BOLD, "generation " + a.label() + " → " + (r.to() instanceof Request.DiffTarget.Generation
          ? "generation " : "") + b.label())
          + (a.host().equals(b.host()) ? "" : " (host " + a.host() + " → " + b.host() + ")"));
      if (!a.plugins().equals(b.plugins())) {
        out.result("plugins: " + String.join(", ", a.plugins()) + " → " + String.join(", ", b.plugins()));
      }
      List<String> secrets = io.statectl.kernel.secrets.SecretsDiff.lines(a.tree(), b.tree());
      if (!secrets.isEmpty()) {
        out.result(paint(color, BOLD, "secrets") + ":");
        secrets.forEach(l -> out.result("  ~ " + l));
      }
      out.result(paint(color, BOLD, "files") + (files.isEmpty() ? ": no changes" : ":"));
      for (FileChange c : files) {
        String line = "  " + symbol(c.change()) + " " + c.target()
            + (c.change().equals("mode") || c.change().equals("changed") && !c.modeBefore().equals(c.modeAfter())
                ? " (" + c.modeBefore() + " → " + c.modeAfter() + ")" : "");
        out.result(paint(color, c.change().equals("added") ? GREEN : c.change().equals("removed") ? RED : CYAN, line));
        for (String d : c.unifiedDiff().lines().toList()) {
          String colour = d.startsWith("+") && !d.startsWith("+++") ? GREEN
              : d.startsWith("-") && !d.startsWith("---") ? RED : d.startsWith("@@") ? CYAN : "";
          out.result("      " + paint(color && !colour.isEmpty(), colour, d));
        }
      }
      List<String> pkgs = packageChanges(a, b);
      out.result(paint(color, BOLD, "packages") + (a.packages().isEmpty() || b.packages().isEmpty()
          ? ": not compared (the configuration's packages are not built for a diff)"
          : pkgs.isEmpty() ? ": no changes" : ": " + String.join(", ", pkgs)));
      section(color, "services", sections.serviceLines(true));
      section(color, "/etc", sections.etcLines(true));
      long delta = sizeB - sizeA;
      out.result(paint(color, BOLD, "closure") + ": " + sizeA + " → " + sizeB + " bytes (" + (delta >= 0 ? "+" : "")
          + delta + ")");
      return 0;
    }
  }

  private static ActivationManifest manifest(GenerationRecord g) {
    return Manifests.read(g.storePath()).orElseThrow(() -> new UsageException("generation " + g.number()
        + " is no longer in the store (" + g.storePath() + ")",
        "`statectl replay --to-generation " + g.number() + " --apply` realises it again"));
  }

  /** Package outputs a generation keeps alive (through its user profile): closure names that are not statectl's own. */
  private static List<String> packages(Store store, GenerationRecord g) {
    return store.parseStoreFile(Path.of(g.storePath())).filter(store::isValid)
        .map(p -> store.closure(p).stream().map(io.statectl.kernel.store.StorePath::name)
            .filter(n -> !n.startsWith("statectl-") && !n.startsWith("config-") && !n.endsWith(".drv"))
            .sorted().toList())
        .orElse(List.of());
  }

  /** {@code + name} for packages only in b, {@code - name} for those only in a. */
  private static List<String> packageChanges(Side a, Side b) {
    if (a.packages().isEmpty() || b.packages().isEmpty()) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    b.packages().get().stream().filter(x -> !a.packages().get().contains(x)).forEach(x -> out.add("+ " + x));
    a.packages().get().stream().filter(x -> !b.packages().get().contains(x)).forEach(x -> out.add("- " + x));
    return out;
  }

  private static long closureSize(Store store, GenerationRecord g) {
    return store.parseStoreFile(Path.of(g.storePath())).filter(store::isValid)
        .map(p -> store.closure(p).stream().mapToLong(c -> store.pathInfo(c).map(PathInfo::narSize).orElse(0L)).sum())
        .orElse(0L);
  }

  private static String symbol(String change) {
    return ServiceSections.symbol(change);
  }

  /** A titled section: {@code services: no changes}, or the title and its lines, coloured by their symbol. */
  private void section(boolean color, String title, List<String> lines) {
    out.result(paint(color, BOLD, title) + (lines.isEmpty() ? ": no changes" : ":"));
    for (String l : lines) {
      String colour = l.startsWith("+") ? GREEN : l.startsWith("-") ? RED : l.startsWith("~") ? CYAN : "";
      out.result("  " + paint(color && !colour.isEmpty(), colour, l));
    }
  }

  private static String paint(boolean color, String code, String text) {
    return color ? code + text + RESET : text;
  }

  private void print(Object node) {
    try {
      out.result(json.writeValueAsString(node));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

}
