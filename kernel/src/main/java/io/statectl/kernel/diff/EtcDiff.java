package io.statectl.kernel.diff;

import io.statectl.api.Sha256;
import io.statectl.kernel.generation.ActivationManifest;
import io.statectl.kernel.generation.ManifestEntry;
import io.statectl.kernel.units.UnitScope;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code /etc} files two generations place: links into the generation (root files under
 * {@code etc/}) and copies ({@code environment.etc} with a {@code mode}: a managed setting
 * {@code etc:<path>} whose state names the mode, owner and content hash). Unit files are left to
 * {@link ServicesDiff}. Reads the two trees only.
 */
public final class EtcDiff {
  private static final String ETC = "etc/";
  private static final String COPY = "etc:";
  /** The state {@code EtcModule} records for a copy: {@code mode 0640 root:root sha256 …}. */
  private static final Pattern COPY_STATE = Pattern.compile("mode (\\S+) (\\S+) sha256 (\\S+)");

  private EtcDiff() {}

  /**
   * One side of a path: how it is placed, its content's key (the first 16 hex digits of its
   * SHA-256, what a copy's state records, so a link and a copy of the same text are equal) and, for
   * a link, its bytes.
   */
  private record Placed(String how, String key, Optional<byte[]> bytes) {}

  public static List<EtcChange> between(Path genA, ActivationManifest a, Path genB, ActivationManifest b) {
    Map<String, Placed> before = placed(genA, a);
    Map<String, Placed> after = placed(genB, b);
    TreeSet<String> paths = new TreeSet<>(before.keySet());
    paths.addAll(after.keySet());
    List<EtcChange> out = new ArrayList<>();
    for (String p : paths) {
      Placed x = before.get(p);
      Placed y = after.get(p);
      if (x == null) {
        out.add(new EtcChange("added", p, "", y.how(), ""));
      } else if (y == null) {
        out.add(new EtcChange("removed", p, x.how(), "", ""));
      } else if (!x.key().equals(y.key())) {
        Optional<String> tx = x.bytes().flatMap(GenerationDiff::text);
        Optional<String> ty = y.bytes().flatMap(GenerationDiff::text);
        String diff = tx.isPresent() && ty.isPresent()
            ? UnifiedDiff.diff("a/etc/" + p, tx.get(), "b/etc/" + p, ty.get()) : "";
        out.add(new EtcChange("changed", p, x.how(), y.how(), diff));
      } else if (!x.how().equals(y.how())) {
        out.add(new EtcChange("mode", p, x.how(), y.how(), ""));
      }
    }
    return List.copyOf(out);
  }

  private static Map<String, Placed> placed(Path generation, ActivationManifest m) {
    Map<String, Placed> out = new TreeMap<>();
    for (ManifestEntry e : m.entries()) {
      if (ManifestEntry.ROOT_FILE.equals(e.kind()) && e.target().startsWith(ETC)
          && !e.target().startsWith(UnitScope.SYSTEM.directory)) {
        byte[] bytes = GenerationDiff.read(generation, e);
        out.put(e.target().substring(ETC.length()),
            new Placed("link", Sha256.hex(bytes).substring(0, 16), Optional.of(bytes)));
      } else if (ManifestEntry.SETTING.equals(e.kind()) && e.target().startsWith(COPY)) {
        Matcher s = COPY_STATE.matcher(e.state());
        String how = s.matches() ? "copy " + s.group(1) + " " + s.group(2) : "copy";
        out.put(e.target().substring(COPY.length()), new Placed(how, s.matches() ? s.group(3) : e.state(),
            Optional.empty()));
      }
    }
    return out;
  }
}
