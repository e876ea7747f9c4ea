package io.statectl.shell.engine.boot;

import io.statectl.kernel.boot.BootEntries;
import io.statectl.kernel.boot.BootEntry;
import io.statectl.kernel.boot.BootLoaderDir;
import io.statectl.kernel.boot.BootSpec;
import io.statectl.kernel.generation.ActivationManifest;
import io.statectl.kernel.generation.ProfilePartition;
import io.statectl.projections.ProjectionStore;
import io.statectl.projections.generations.ActiveGeneration;
import io.statectl.projections.generations.GenerationRecord;
import io.statectl.shell.engine.Output;
import io.statectl.shell.engine.apply.Manifests;
import io.statectl.shell.engine.session.StateSession;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The boot entries of a root, kept in step with its system generations: after every activation
 * of the system profile that places files under the root, and after {@code gc} deleted
 * generations, the newest {@code boot.loader.configurationLimit} bootable generations (those with
 * root files, so with an {@code init}) get an entry, the others lose theirs, and {@code loader.conf}
 * names the newest — or the one {@code statectl boot --default N} pinned while its entry exists.
 * The limit and loader come from the active generation's {@code boot.*}; each entry's kernel and
 * initrd from its own generation's.
 */
public final class BootStep {
  private BootStep() {}

  /**
   * Refuses, before anything is written, a generation whose declared kernel or initrd is not in
   * the root ({@code STC-E257}) or whose limit is bad ({@code STC-E256}).
   */
  public static void check(String profile, int number, Path generation, ActivationManifest next, Path root) {
    if (!profile.equals(ProfilePartition.SYSTEM) || !bootable(next)) {
      return;
    }
    BootSpec spec = BootSpec.of(generation.resolve(ActivationManifest.ROOT_FILES));
    if (spec.loader() == BootSpec.Loader.SYSTEMD_BOOT) {
      BootEntries.check(root, number, spec);
    }
  }

  /**
   * The same check on an evaluation, before the state directory is opened or anything built: a
   * declared kernel missing from the root, or a bad limit, stops the apply with nothing written.
   */
  public static void preflight(io.statectl.kernel.eval.Evaluation.Success success, Path root) {
    for (io.statectl.api.activation.ActivationEntry e : success.entries()) {
      if (e instanceof io.statectl.api.activation.RootFile f && f.target().equals(BootSpec.FILE)
          && f.content() instanceof io.statectl.api.activation.FileContent.Text t) {
        BootSpec spec = BootSpec.parse(t.text());
        if (spec.loader() == BootSpec.Loader.SYSTEMD_BOOT) {
          BootEntries.check(root, 0, spec);
        }
      }
    }
  }

  /** Whether a generation can be booted: it places files under the root (and so has an init). */
  public static boolean bootable(ActivationManifest manifest) {
    return manifest.entries().stream().anyMatch(e -> e.underRoot());
  }

  /** Rewrites the entries under {@code root} from the state's system generations; records a change. */
  public static void write(StateSession session, Path root, Output out) {
    session.refreshProjections();
    ProjectionStore p = session.projections();
    String profile = ProfilePartition.SYSTEM;
    Optional<ActiveGeneration> active = p.active(profile);
    if (active.isEmpty()) {
      return;
    }
    List<GenerationRecord> all = p.generations(profile);
    Optional<GenerationRecord> current = p.generation(profile, active.get().number());
    BootSpec activeSpec = current.map(g -> spec(g)).orElse(BootSpec.DEFAULTS);
    BootLoaderDir dir = new BootLoaderDir(root);
    if (activeSpec.loader() == BootSpec.Loader.NONE) {
      if (dir.exists() && !dir.entries().isEmpty()) {
        dir.write(List.of(), 0);
        out.message("boot: boot.loader.type = \"none\": statectl's boot entries under " + dir.entriesDir() + " removed");
      }
      return;
    }
    List<GenerationRecord> bootable = new ArrayList<>();
    for (int i = all.size() - 1; i >= 0 && bootable.size() < activeSpec.configurationLimit(); i--) {
      GenerationRecord g = all.get(i);
      if (Manifests.read(g.storePath()).map(BootStep::bootable).orElse(false)) {
        bootable.add(0, g);
      }
    }
    if (bootable.isEmpty()) {
      return;
    }
    List<BootEntry> entries = new ArrayList<>();
    for (GenerationRecord g : bootable) {
      entries.add(BootEntries.entry(root, new BootEntries.Bootable(g.number(), g.storePath(), g.createdAt(),
          g.revision().map(v -> v.shortForm()), spec(g))));
    }
    List<Integer> numbers = entries.stream().map(BootEntry::generation).toList();
    int newest = numbers.get(numbers.size() - 1);
    int defaultGeneration = BootPin.read(session.directory()).filter(numbers::contains).orElse(newest);
    List<Integer> before = List.copyOf(dir.entries().keySet());
    Optional<Integer> defaultBefore = dir.defaultGeneration();
    dir.write(entries, defaultGeneration);
    if (!before.equals(numbers) || !defaultBefore.equals(Optional.of(defaultGeneration))) {
      session.commands().recordBootEntries(profile, root.toString(), numbers, defaultGeneration);
      out.message("boot: entries for generation(s) " + numbers.stream().map(String::valueOf)
          .collect(java.util.stream.Collectors.joining(", ")) + " under " + dir.entriesDir() + ", default "
          + defaultGeneration);
    }
  }

  static BootSpec spec(GenerationRecord g) {
    return BootSpec.of(Path.of(g.storePath()).resolve(ActivationManifest.ROOT_FILES));
  }
}
