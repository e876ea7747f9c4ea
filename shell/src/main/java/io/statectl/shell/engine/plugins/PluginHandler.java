package io.statectl.shell.engine.plugins;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.statectl.events.EventJson;
import io.statectl.kernel.activation.AtomicSymlink;
import io.statectl.kernel.eval.DeclaredOption;
import io.statectl.kernel.eval.Evaluator;
import io.statectl.kernel.plugins.InstallPlugin;
import io.statectl.kernel.plugins.LockFile;
import io.statectl.kernel.plugins.LockedPlugin;
import io.statectl.kernel.plugins.PluginArchive;
import io.statectl.kernel.plugins.PluginDescriptorInfo;
import io.statectl.kernel.plugins.PluginHost;
import io.statectl.kernel.plugins.PluginLoadException;
import io.statectl.kernel.plugins.PluginRegistryAggregate;
import io.statectl.kernel.plugins.PluginRejectedException;
import io.statectl.kernel.plugins.RemovePlugin;
import io.statectl.kernel.store.EntryMode;
import io.statectl.kernel.store.FileTrees;
import io.statectl.kernel.store.StoreIoException;
import io.statectl.kernel.store.StorePath;
import io.statectl.projections.generations.ActiveGeneration;
import io.statectl.projections.generations.GenerationRecord;
import io.statectl.projections.plugins.PluginRecord;
import io.statectl.shell.engine.Caller;
import io.statectl.shell.engine.Output;
import io.statectl.shell.engine.PhaseTimer;
import io.statectl.shell.engine.Profiles;
import io.statectl.shell.engine.Request;
import io.statectl.shell.engine.session.StateSession;
import io.statectl.shell.engine.session.WriterLock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code statectl plugin install|upgrade|list|remove|verify}. Every check — archive, descriptor,
 * API range, hash, a trial load with the other plugins, namespace — runs before anything is
 * written; then the jar goes into the store, the state's plugin link is set, the event recorded
 * and the lock file updated, in that order.
 */
public final class PluginHandler {
  private final Output out;
  private final PhaseTimer timer;
  private final Caller caller;
  private final Path builtinDir;
  private final ObjectMapper json = EventJson.newMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public PluginHandler(Output out, PhaseTimer timer, Path builtinDir, Caller caller) {
    this.caller = caller;
    this.out = out;
    this.timer = timer;
    this.builtinDir = builtinDir;
  }

  public int install(Request.PluginInstall r) {
    boolean url = PluginSources.isUrl(r.source());
    if (url && r.sha256().isEmpty()) {
      throw new PluginRejectedException(PluginRejectedException.Reason.HASH_REQUIRED, r.source(),
          "installing from a URL needs the expected hash", "pass --sha256 HEX (the publisher gives it)");
    }
    Path temp;
    try {
      temp = Files.createTempDirectory("statectl-plugin");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      Path file = PluginSources.fetch(r.source(), temp);
      PluginArchive archive = PluginArchive.inspect(file);
      PluginDescriptorInfo d = archive.descriptor();
      if (r.sha256().isPresent() && !r.sha256().get().equalsIgnoreCase(archive.sha256())) {
        throw new PluginRejectedException(PluginRejectedException.Reason.HASH_MISMATCH, r.source(),
            "hash mismatch for " + r.source() + ": expected sha256 " + r.sha256().get().toLowerCase(java.util.Locale.ROOT)
                + ", got " + archive.sha256(), "check where the file came from; nothing was installed");
      }
      if (r.expectedId().isPresent() && !r.expectedId().get().equals(d.id())) {
        throw new PluginRejectedException(PluginRejectedException.Reason.DUPLICATE_ID, r.source(),
            r.source() + " is plugin " + d.id() + ", not " + r.expectedId().get(), "upgrade a plugin with a jar of the same id");
      }
      List<PluginRecord> installed = InstalledPlugins.installed(r.state(), timer);
      Optional<PluginRecord> same = installed.stream().filter(p -> p.id().equals(d.id())).findFirst();
      if (same.isPresent() && same.get().sha256().equals(archive.sha256())) {
        out.result("plugin " + d.id() + "@" + d.version() + " is already installed (sha256 " + archive.sha256() + ")");
        r.config().ifPresent(c -> pin(c, d, archive.sha256(), r.source()));
        return 0;
      }
      if (same.isPresent() && r.intent() == InstallPlugin.Intent.INSTALL) {
        throw new PluginRejectedException(PluginRejectedException.Reason.DUPLICATE_ID, r.source(),
            "plugin " + d.id() + " is already installed in version " + same.get().version() + "; refusing to install "
                + d.version() + " over it", "use `statectl plugin upgrade " + d.id() + " " + r.source() + "` to replace it on purpose");
      }
      trialLoad(installed, d.id(), file);
      if (!url) {
        out.message("sha256 " + archive.sha256() + "  " + file);
      }
      try (WriterLock lock = WriterLock.acquire(r.state().writerLock(), out, caller);
          StateSession s = new StateSession(r.state(), timer, StateSession.Access.WRITE)) {
        io.statectl.shell.engine.apply.InterruptedActivations.recover(s, out);
        StorePath stored = s.store().addBytes("plugin-" + safe(d.id()) + "-" + safe(d.version()) + ".jar",
            Files.readAllBytes(file), EntryMode.REGULAR);
        String storeFile = s.store().toFile(stored).toString();
        link(r.state().plugins().resolve(d.id() + ".jar"), Path.of(storeFile));
        s.commands().installPlugin(new InstallPlugin(PluginRegistryAggregate.ID, d.id(), d.version(), archive.sha256(),
            url ? r.source() : file.toString(), storeFile, d.namespace(), r.intent()));
      }
      r.config().ifPresent(c -> pin(c, d, archive.sha256(), url ? r.source() : file.toString()));
      out.result((r.intent() == InstallPlugin.Intent.UPGRADE ? "upgraded " : "installed ") + d.id() + "@" + d.version()
          + " (options under " + d.namespace() + ")" + r.config().map(c -> "; pinned in " + LockFile.of(c)).orElse(""));
      return 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deleteQuietly(temp);
    }
  }

  /** Loads the candidate together with the built-in and other installed plugins, then unloads. */
  private void trialLoad(List<PluginRecord> installed, String id, Path candidate) {
    List<Path> jars = new ArrayList<>();
    installed.stream().filter(p -> !p.id().equals(id)).forEach(p -> jars.add(Path.of(p.storePath())));
    jars.add(candidate);
    try (PluginHost host = PluginHost.load(builtinDir, jars)) {
      new Evaluator(host).schema(); // declaring the options must work, too
    } catch (PluginLoadException e) {
      boolean namespace = e.getMessage().contains("outside its namespace");
      throw new PluginRejectedException(namespace ? PluginRejectedException.Reason.NAMESPACE_VIOLATION
          : PluginRejectedException.Reason.LOAD_FAILED, candidate.toString(),
          "plugin refused, nothing was installed: " + String.join("; ", e.failures()),
          namespace ? "a plugin may declare options only under its Plugin-Namespace"
              : "the plugin's classes do not load against this statectl; ask its author for a compatible build");
    }
  }

  private static void pin(Path config, PluginDescriptorInfo d, String sha, String source) {
    Map<String, LockedPlugin> lock = new java.util.TreeMap<>(LockFile.read(config));
    lock.put(d.id(), new LockedPlugin(d.id(), d.version(), sha, source));
    LockFile.write(config, lock);
  }

  public int list(Request.PluginList r) {
    List<PluginRecord> installed = InstalledPlugins.installed(r.state(), timer);
    Map<String, LockedPlugin> pinned = r.config().map(LockFile::read).orElse(Map.of());
    List<Path> jars = installed.stream().map(p -> Path.of(p.storePath())).toList();
    List<DeclaredOption> options;
    Map<String, PluginDescriptorInfo> descriptors;
    try (PluginHost host = PluginHost.load(builtinDir, jars)) {
      options = new Evaluator(host).schema().flatten();
      descriptors = host.descriptors();
    }
    ArrayNode arr = json.createArrayNode();
    for (PluginDescriptorInfo d : descriptors.values()) {
      Optional<PluginRecord> rec = installed.stream().filter(p -> p.id().equals(d.id())).findFirst();
      String state = rec.isEmpty() ? "built-in" : pinned.containsKey(d.id()) ? "installed, pinned" : "installed";
      List<String> declared = options.stream().filter(o -> o.module().startsWith(d.id() + "@")).map(DeclaredOption::path).toList();
      if (r.format() == Request.Format.JSON) {
        ObjectNode n = arr.addObject();
        n.put("id", d.id());
        n.put("version", d.version());
        n.put("state", state);
        n.put("source", rec.map(PluginRecord::source).orElse(builtinDir.toString()));
        n.put("namespace", d.namespace());
        rec.ifPresent(p -> n.put("sha256", p.sha256()));
        ArrayNode o = n.putArray("options");
        declared.forEach(o::add);
      } else {
        out.result(String.format("%-16s %-16s %-18s %s", d.id(), d.version(), state,
            rec.map(PluginRecord::source).orElse(builtinDir.toString())));
        out.result("    options: " + (declared.isEmpty() ? "(none)" : String.join(", ", declared)));
      }
    }
    if (r.format() == Request.Format.JSON) {
      try {
        out.result(json.writeValueAsString(arr));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return 0;
  }

  public int remove(Request.PluginRemove r) {
    PluginRecord rec = InstalledPlugins.installed(r.state(), timer).stream().filter(p -> p.id().equals(r.id()))
        .findFirst().orElseThrow(() -> new PluginRejectedException(PluginRejectedException.Reason.NOT_INSTALLED, r.id(),
            "plugin " + r.id() + " is not installed", "`statectl plugin list` shows the installed plugins"));
    try (WriterLock lock = WriterLock.acquire(r.state().writerLock(), out, caller);
        StateSession s = new StateSession(r.state(), timer, StateSession.Access.WRITE)) {
      io.statectl.shell.engine.apply.InterruptedActivations.recover(s, out);
      Optional<ActiveGeneration> active = s.projections().active(Profiles.SYSTEM);
      Optional<GenerationRecord> gen = active.flatMap(a -> s.projections().generation(Profiles.SYSTEM, a.number()));
      boolean used = gen.map(g -> g.plugins().stream().anyMatch(p -> p.startsWith(r.id() + "@"))).orElse(false);
      if (used && r.force() != Request.Overwrite.REPLACE_MANAGED_LINK) {
        throw new PluginRejectedException(PluginRejectedException.Reason.IN_USE, r.id(),
            "plugin " + r.id() + "@" + rec.version() + " is used by the active generation " + gen.get().number()
                + " (its options under " + rec.namespace() + " are set)",
            "remove its options from the configuration and apply first, or pass --force");
      }
      s.commands().removePlugin(new RemovePlugin(PluginRegistryAggregate.ID, r.id(), used));
      Files.deleteIfExists(r.state().plugins().resolve(r.id() + ".jar"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    r.config().ifPresent(c -> {
      Map<String, LockedPlugin> lock = new java.util.TreeMap<>(LockFile.read(c));
      if (lock.remove(r.id()) != null) {
        LockFile.write(c, lock);
      }
    });
    out.result("removed " + r.id() + "@" + rec.version() + " (its jar stays in the store for older generations)");
    return 0;
  }

  public int verify(Request.PluginVerify r) {
    Map<String, LockedPlugin> pinned = LockFile.read(r.config());
    List<PluginRecord> installed = InstalledPlugins.installed(r.state(), timer);
    List<String> bad = new ArrayList<>();
    for (LockedPlugin lock : pinned.values()) {
      Optional<PluginRecord> rec = installed.stream().filter(p -> p.id().equals(lock.id())).findFirst();
      if (rec.isEmpty()) {
        bad.add(lock.id() + ": pinned " + lock.version() + " but not installed (statectl plugin install " + lock.source()
            + " --sha256 " + lock.sha256() + ")");
        continue;
      }
      String actual = Files.isRegularFile(Path.of(rec.get().storePath())) ? PluginArchive.sha256(Path.of(rec.get().storePath())) : "(missing)";
      if (!actual.equals(lock.sha256())) {
        bad.add(lock.id() + ": pinned sha256 " + lock.sha256() + ", installed jar has " + actual);
      } else {
        out.result("ok: " + lock.id() + "@" + lock.version() + " sha256 " + actual);
      }
    }
    if (!bad.isEmpty()) {
      throw new PluginRejectedException(PluginRejectedException.Reason.HASH_MISMATCH, r.config().toString(),
          "plugins do not match " + LockFile.of(r.config()) + ":\n  " + String.join("\n  ", bad),
          "install the pinned versions (commands above), or update the lock with `statectl plugin upgrade --config`");
    }
    if (pinned.isEmpty()) {
      out.result("no plugins pinned in " + LockFile.of(r.config()));
    }
    return 0;
  }

  /** Points {@code link} at {@code target}, replacing an older link in one rename. */
  private static void link(Path link, Path target) throws IOException {
    AtomicSymlink.replace(link, target);
  }

  private static String safe(String s) {
    return StorePath.safeNameChars(s);
  }

  private static void deleteQuietly(Path dir) {
    try {
      FileTrees.deleteRecursively(dir);
    } catch (StoreIoException e) {
      // a temp dir; the OS cleans it eventually, and the command's own outcome matters more
    }
  }

}
