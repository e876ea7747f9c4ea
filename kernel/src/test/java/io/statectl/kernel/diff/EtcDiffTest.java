package io.statectl.kernel.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.statectl.api.Sha256;
import io.statectl.kernel.generation.ActivationManifest;
import io.statectl.kernel.generation.ManifestEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EtcDiffTest {
  @TempDir Path tmp;

  private ManifestEntry link(Path gen, String path, String text) throws Exception {
    Path f = gen.resolve("root-files/etc/" + path);
    Files.createDirectories(f.getParent());
    Files.writeString(f, text);
    return new ManifestEntry(ManifestEntry.ROOT_FILE, "etc/" + path, "root-files/etc/" + path, "regular");
  }

  private static ManifestEntry copy(String path, String mode, String text) {
    return new ManifestEntry(ManifestEntry.SETTING, "etc:" + path, "", "system", "linux",
        "mode " + mode + " root:root sha256 " + Sha256.hex(text).substring(0, 16), List.of(), List.of());
  }

  private static ActivationManifest manifest(ManifestEntry... entries) {
    return new ActivationManifest(1, "system", "box", List.of(entries));
  }

  @Test
  void linksAndCopies_addedRemovedChanged_andALinkBecomingACopyOfTheSameText_isAModeChange() throws Exception {
    Path a = Files.createDirectories(tmp.resolve("a"));
    Path b = Files.createDirectories(tmp.resolve("b"));
    ActivationManifest ma = manifest(link(a, "app.conf", "v1\n"), link(a, "motd", "hi\n"), copy("secret", "0600", "s"),
        link(a, "systemd/system/web.service", "[Service]\n"));
    ActivationManifest mb = manifest(link(b, "app.conf", "v2\n"), copy("motd", "0644", "hi\n"), link(b, "new", "n\n"),
        link(b, "systemd/system/web.service", "[Service]\nType=exec\n"));
    List<EtcChange> changes = EtcDiff.between(a, ma, b, mb);
    assertEquals(List.of("changed app.conf link link", "mode motd link copy 0644 root:root", "added new  link",
        "removed secret copy 0600 root:root "), changes.stream()
        .map(c -> c.change() + " " + c.path() + " " + c.before() + " " + c.after()).toList());
    assertEquals(true, changes.get(0).unifiedDiff().contains("+v2"), changes.get(0).unifiedDiff());
  }
}
