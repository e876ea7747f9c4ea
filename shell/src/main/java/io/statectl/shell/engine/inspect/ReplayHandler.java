package io.statectl.shell.engine.inspect;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.statectl.events.ActivationReason;
import io.statectl.events.EventJson;
import io.statectl.kernel.activation.ActivationPlan;
import io.statectl.kernel.generation.ActivationManifest;
import io.statectl.kernel.generation.GenerationRealiser;
import io.statectl.kernel.activation.ActivationTargets;
import io.statectl.kernel.generation.ReplayPluginsMissingException;
import io.statectl.kernel.plugins.PluginArchive;
import io.statectl.kernel.plugins.PluginDescriptorInfo;
import io.statectl.kernel.plugins.PluginHost;
import io.statectl.shell.engine.apply.Targets;
import io.statectl.shell.engine.plugins.InstalledPlugins;
import io.statectl.projections.ProjectionStore;
import io.statectl.projections.generations.ActiveGeneration;
import io.statectl.projections.generations.GenerationRecord;
import io.statectl.shell.engine.Caller;
import io.statectl.shell.engine.Output;
import io.statectl.shell.engine.PhaseTimer;
import io.statectl.shell.engine.Profiles;
import io.statectl.shell.engine.Request;
import io.statectl.shell.engine.UsageException;
import io.statectl.shell.engine.apply.GenerationActivation;
import io.statectl.shell.engine.apply.Manifests;
import io.statectl.shell.engine.session.StateSession;
import io.statectl.shell.engine.session.WaitTimeout;
import io.statectl.shell.engine.session.WriterLock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code statectl replay}: rebuilds read models from the log — the live ones in full, or a
 * separate view as of a point — and with {@code --apply} makes the machine match that point.
 */
public final class ReplayHandler {
  private static final String PROFILE = Profiles.SYSTEM;
  private final Path pluginDir;
  private final Output out;
  private final PhaseTimer timer;
  private final Caller caller;
  private final WaitTimeout wait;
  private final ObjectMapper json = EventJson.newMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public ReplayHandler(Path pluginDir, Output out, PhaseTimer timer, Caller caller, WaitTimeout wait) {
    this.caller = caller;
    this.pluginDir = pluginDir;
    this.out = out;
    this.timer = timer;
    this.wait = wait;
  }

  public int replay(Request.Replay r) {
    if (!r.state().exists()) {
      throw new UsageException("there is no history at " + r.state().root(), "run `statectl apply` first");
    }
    if (r.to().isEmpty()) {
      if (r.mode() == Request.ReplayMode.APPLY) {
        throw new UsageException("replay --apply needs a point of history",
            "pass --to-event SEQ, --to-generation N or --to-time ISO-8601");
      }
      try (WriterLock lock = WriterLock.acquire(r.state().writerLock(), out, caller, wait, "replaying");
          StateSession s = new StateSession(r.state(), timer, StateSession.Access.WRITE)) {
        io.statectl.shell.engine.apply.InterruptedActivations.recover(s, out);
        long n = s.rebuildProjections();
        out.result("rebuilt the read models from " + n + " event(s); views of the past were dropped");
        return 0;
      }
    }
    if (r.mode() == Request.ReplayMode.VIEW) {
      try (StateSession s = new StateSession(r.state(), timer)) {
        HistoryPoints.Resolved at = HistoryPoints.resolve(s.log(), r.to().get(), PROFILE);
        ProjectionStore view = s.view(at.sequence());
        describe(r, at, view, s.directory().views().resolve("as-of-" + at.sequence()));
        return 0;
      }
    }
    return apply(r);
  }

  private void describe(Request.Replay r, HistoryPoints.Resolved at, ProjectionStore view, Path dir) {
    List<GenerationRecord> gens = view.generations(PROFILE);
    Optional<ActiveGeneration> active = view.active(PROFILE);
    if (r.format() == Request.Format.JSON) {
      ObjectNode n = json.createObjectNode();
      n.put("sequence", at.sequence());
      n.put("timestamp", at.at().toString());
      ArrayNode arr = n.putArray("generations");
      gens.forEach(g -> arr.add(json.valueToTree(g)));
      active.ifPresent(a -> n.set("active", json.valueToTree(a)));
      print(n);
      return;
    }
    out.result("as of event " + at.sequence() + " (" + ReadHandler.TIME.format(at.at()) + " UTC):");
    out.result("  generations " + (gens.isEmpty() ? "(none)"
        : gens.stream().map(g -> Integer.toString(g.number())).collect(Collectors.joining(", "))));
    out.result("  active      " + active.map(a -> a.number() + " in " + a.home()).orElse("(none)"));
    out.result("  view        " + dir + " (the live read models are unchanged; --apply makes the machine match)");
  }

  private int apply(Request.Replay r) {
    try (WriterLock lock = WriterLock.acquire(r.state().writerLock(), out, caller, wait, "replaying");
        StateSession s = new StateSession(r.state(), timer, StateSession.Access.WRITE)) {
      io.statectl.shell.engine.apply.InterruptedActivations.recover(s, out);
      HistoryPoints.Resolved at = HistoryPoints.resolve(s.log(), r.to().get(), PROFILE);
      ProjectionStore view = s.view(at.sequence());
      ActiveGeneration then = view.active(PROFILE).orElseThrow(() -> new UsageException(
          "no generation was active as of event " + at.sequence(), "pick a later point"));
      GenerationRecord g = view.generation(PROFILE, then.number()).orElseThrow();
      ProjectionStore live = s.projections();
      boolean deleted = live.generation(PROFILE, g.number()).isEmpty();
      Path recorded = Path.of(g.storePath());
      boolean present = s.store().parseStoreFile(recorded).map(s.store()::isValid).orElse(false)
          && Files.isDirectory(recorded);
      try (PluginHost plugins = recordedPlugins(r, g)) {
        if (!present) {
          out.message("generation " + g.number() + " is no longer in the store; realising it again from its"
              + " configuration " + g.snapshotPath());
          timer.time("realise", () -> new GenerationRealiser(s.store(), plugins).realise(PROFILE, g.host(),
              Path.of(g.snapshotPath()), recorded, g.plugins()));
        }
      }
      if (deleted) {
        s.commands().restoreGeneration(PROFILE, g.number());
      }
      Optional<ActiveGeneration> now = live.active(PROFILE);
      int current = now.map(ActiveGeneration::number).orElse(0);
      Path home = r.home().map(h -> h.toAbsolutePath().normalize()).orElse(Path.of(then.home()));
      // The root its activation recorded (present when it had root files), unless --root says otherwise.
      Optional<Path> root = r.root().map(x -> x.toAbsolutePath().normalize())
          .or(() -> Optional.ofNullable(then.root()).map(Path::of));
      ActivationManifest manifest = Manifests.read(g.storePath()).orElseThrow();
      Optional<ActivationManifest> previous = now.flatMap(a -> live.generation(PROFILE, a.number()))
          .flatMap(x -> Manifests.read(x.storePath()));
      if (current == g.number() && now.map(a -> a.home().equals(home.toString())
          && java.util.Objects.equals(a.root(), root.map(Path::toString).orElse(a.root()))).orElse(false)) {
        out.result("generation " + g.number() + " (active as of event " + at.sequence() + ") is already active");
        return 0;
      }
      ActivationPlan done = timer.time("activate", () -> new GenerationActivation(s, out).activate(PROFILE,
          g.number(), recorded, previous, manifest,
          root.map(x -> Targets.of(home, x)).orElseGet(() -> ActivationTargets.homeOnly(home)),
          io.statectl.kernel.activation.BackupPolicy.REFUSE, ActivationReason.REPLAY, current));
      out.result("replayed to event " + at.sequence() + ": generation " + g.number() + " is active"
          + (deleted ? " again (realised from its configuration)" : "") + root.map(x -> " under root " + x).orElse("")
          + " (" + GenerationActivation.summary(done) + ")");
      return 0;
    }
  }

  /**
   * The built-in plugins and, of the installed ones, those whose {@code id@version} generation
   * {@code g} recorded: what it was evaluated with, so that realising it again gives its path.
   *
   * @throws ReplayPluginsMissingException when a recorded plugin version is not installed
   */
  private PluginHost recordedPlugins(Request.Replay r, GenerationRecord g) {
    List<String> installed = new ArrayList<>();
    List<Path> chosen = new ArrayList<>();
    for (Path jar : InstalledPlugins.jarsFor(r.state(), Optional.empty(), timer, out)) {
      PluginDescriptorInfo d = PluginArchive.inspect(jar).descriptor();
      installed.add(d.id() + "@" + d.version());
      if (g.plugins().contains(d.id() + "@" + d.version())) {
        chosen.add(jar);
      }
    }
    PluginHost plugins = timer.time("pf4j load plugins", () -> PluginHost.load(pluginDir, chosen));
    Set<String> loaded = new TreeSet<>();
    plugins.modules().forEach(m -> loaded.add(m.provenance()));
    List<String> missing = g.plugins().stream().filter(p -> !loaded.contains(p)).toList();
    if (!missing.isEmpty()) {
      plugins.close();
      Set<String> have = new TreeSet<>(installed);
      have.addAll(loaded);
      throw new ReplayPluginsMissingException(g.number(), missing, List.copyOf(have));
    }
    return plugins;
  }

  private void print(Object node) {
    try {
      out.result(json.writeValueAsString(node));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
