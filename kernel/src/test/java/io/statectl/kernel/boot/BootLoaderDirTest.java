package io.statectl.kernel.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statectl.kernel.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BootLoaderDirTest {
  @TempDir Path root;

  private BootEntry entry(int n) {
    return BootEntries.entry(root, new BootEntries.Bootable(n, root + "/var/lib/statectl/store/abc" + n + "-statectl-system-box",
        Instant.parse("2026-12-03T12:00:00Z"), n == 2 ? Optional.of("1a2b3c4") : Optional.empty(), BootSpec.DEFAULTS));
  }

  /** The Boot Loader Specification (type #1): "key value" lines, keys from its list, '#' comments. */
  private static Map<String, String> parseAsSpecified(String text) {
    Set<String> keys = Set.of("title", "version", "machine-id", "sort-key", "linux", "initrd", "efi", "options",
        "devicetree", "devicetree-overlay", "architecture");
    Map<String, String> m = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] kv = line.split("[ \t]+", 2);
      assertTrue(keys.contains(kv[0]), "a key of the specification: " + line);
      assertEquals(2, kv.length, "a key with a value: " + line);
      m.put(kv[0], kv[1]);
    }
    return m;
  }

  @Test
  void entryCarriesTitleInitAndGeneration_andFollowsTheSpecification() throws Exception {
    Files.createDirectories(root.resolve("boot"));
    Files.writeString(root.resolve("boot/vmlinuz-6.1.0-9-amd64"), "k");
    Files.writeString(root.resolve("boot/vmlinuz-6.1.0-13-amd64"), "k");
    Files.writeString(root.resolve("boot/initrd.img-6.1.0-13-amd64"), "i");
    BootEntry e = entry(2);
    Map<String, String> m = parseAsSpecified(e.render());
    assertEquals("statectl generation 2 (2026-12-03 12:00, commit 1a2b3c4)", m.get("title"));
    assertEquals("/vmlinuz-6.1.0-13-amd64", m.get("linux"), "the newest kernel, by version");
    assertEquals("/initrd.img-6.1.0-13-amd64", m.get("initrd"));
    assertEquals("init=/var/lib/statectl/store/abc2-statectl-system-box/init statectl.generation=2", m.get("options"));
    assertEquals(Optional.of(e), BootEntry.parse(e.fileName(), e.render()));
  }

  @Test
  void writeKeepsExactlyTheGivenEntries_pointsTheDefault_andLeavesOtherEntriesAlone() throws Exception {
    BootLoaderDir dir = new BootLoaderDir(root);
    Files.createDirectories(dir.entriesDir());
    Files.writeString(dir.entriesDir().resolve("debian.conf"), "title Debian\nlinux /vmlinuz\n");
    dir.write(List.of(entry(1), entry(2), entry(3)), 3);
    assertEquals(Set.of(1, 2, 3), dir.entries().keySet());
    assertEquals(Optional.of(3), dir.defaultGeneration());
    Files.writeString(dir.loaderConf(), Files.readString(dir.loaderConf()).replace("timeout 3", "timeout 7"));
    dir.writeOneShot(1);
    dir.write(List.of(entry(2), entry(3)), 2);
    assertEquals(Set.of(2, 3), dir.entries().keySet());
    assertEquals(Optional.of(2), dir.defaultGeneration());
    assertTrue(Files.readString(dir.loaderConf()).contains("timeout 7"), "other loader.conf lines are kept");
    assertEquals(Optional.empty(), dir.oneShot(), "a one-shot choice of a pruned entry is dropped");
    assertTrue(Files.exists(dir.entriesDir().resolve("debian.conf")));
    try (var s = Files.list(dir.entriesDir())) {
      assertEquals(Set.of("debian.conf", "statectl-2.conf", "statectl-3.conf"),
          s.map(p -> p.getFileName().toString()).collect(Collectors.toSet()), "no temp files left");
    }
  }

  @Test
  void oneShotIsTakenOnce() {
    BootLoaderDir dir = new BootLoaderDir(root);
    dir.write(List.of(entry(1), entry(2)), 2);
    dir.writeOneShot(1);
    assertEquals(Optional.of(1), dir.takeOneShot());
    assertEquals(Optional.empty(), dir.takeOneShot());
    assertFalse(Files.exists(dir.oneShotFile()));
  }

  @Test
  void aDeclaredKernelMissingFromTheRoot_andABadLimit_areRefused() {
    BootSpec spec = new BootSpec(BootSpec.Loader.SYSTEMD_BOOT, Optional.of("/vmlinuz-nope"), Optional.empty(),
        List.of(), 3);
    BootException e = assertThrows(BootException.class, () -> BootEntries.check(root, 4, spec));
    assertEquals(ErrorCode.BOOT_KERNEL_MISSING, e.code());
    assertTrue(e.getMessage().contains("boot.kernel = \"/vmlinuz-nope\" of generation 4"), e.getMessage());
    BootException limit = assertThrows(BootException.class,
        () -> BootSpec.parse("loader\tsystemd-boot\nconfigurationLimit\t0\n"));
    assertEquals(ErrorCode.BOOT_LIMIT_INVALID, limit.code());
    assertEquals(ErrorCode.BOOT_NO_LOADER,
        assertThrows(BootException.class, () -> new BootLoaderDir(root).requireExists()).code());
  }

  @Test
  void specFileRoundTripsItsKeys() {
    BootSpec s = BootSpec.parse("loader\tnone\nkernel\t/vmlinuz-1\ninitrd\t/initrd-1\nparam\tquiet\nparam\tro\n"
        + "configurationLimit\t2\nfuture\tkey\n");
    assertEquals(new BootSpec(BootSpec.Loader.NONE, Optional.of("/vmlinuz-1"), Optional.of("/initrd-1"),
        List.of("quiet", "ro"), 2), s);
  }
}
