package io.statectl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Boot entries against a real directory root managed from outside: the first apply writes generation 1's entry, each
 * apply and gc keeps the newest {@code boot.loader.configurationLimit}, {@code boot --default} and
 * {@code --once} choose what boots, and the boot-time activation (what a generation's init runs)
 * activates the chosen generation and marks it booted. The booted-container scenario is in
 * {@code e2e.systemd.InstalledRootBootEndToEndTest}.
 */
class BootEndToEndTest {
  @TempDir Path tmp;
  Path config;
  Path root;
  Statectl inRoot;

  @BeforeEach
  void setUp() {
    config = tmp.resolve("config");
    root = tmp.resolve("root");
    Trees.write(root.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/bash\n");
    Trees.write(root.resolve("etc/group"), "root:x:0:\nusers:x:100:\n");
    Trees.write(root.resolve("etc/shadow"), "root:*:19000:0:99999:7:::\n");
    Trees.write(root.resolve("boot/vmlinuz-6.1.0-13-amd64"), "kernel");
    Trees.write(root.resolve("boot/initrd.img-6.1.0-13-amd64"), "initrd");
    inRoot = new Statectl(root.resolve("var/lib/statectl"));
  }

  private void host(String motd, String boot) {
    Trees.write(config.resolve("hosts/box.toml"), boot + "\n[environment.etc.motd]\ntext = \"" + motd + "\\n\"\n");
  }

  private Statectl.Result apply() {
    return inRoot.run("apply", "--config", config.toString(), "--host", "box", "--root", root.toString(),
        "--home", root.resolve("root").toString(), "--platform", "x86_64-linux");
  }

  private String entry(int n) throws Exception {
    return Files.readString(root.resolve("boot/loader/entries/statectl-" + n + ".conf"));
  }

  private String loaderDefault() throws Exception {
    return Files.readAllLines(root.resolve("boot/loader/loader.conf")).stream().filter(l -> l.startsWith("default "))
        .findFirst().orElse("");
  }

  @Test
  void installWritesAnEntry_appliesKeepTheNewestN_andBootChoicesAreHonouredAtBoot() throws Exception {
    host("one", "");
    // generation 1 from outside, as the later ones: a root made by `install` names /var/lib/statectl in its
    // links and is managed from inside (InstalledRootBootEndToEndTest boots one)
    apply().ok();
    String first = entry(1);
    assertTrue(first.contains("title statectl generation 1 ("), first);
    assertTrue(first.contains("linux /vmlinuz-6.1.0-13-amd64\n") && first.contains("initrd /initrd.img-6.1.0-13-amd64\n"), first);
    String options = first.lines().filter(l -> l.startsWith("options ")).findFirst().orElseThrow();
    assertTrue(options.matches("options init=/var/lib/statectl/store/[a-z0-9]{32}-statectl-system-box/init statectl\\.generation=1"),
        options);
    Path init = root.resolve(options.substring("options init=/".length(), options.indexOf(' ', 9)));
    assertTrue(Files.isExecutable(init) && Files.readString(init).contains("boot --activate-at-boot"), init.toString());
    assertEquals("default statectl-1.conf", loaderDefault());

    host("two", "[boot.loader]\nconfigurationLimit = 2");
    apply().ok();
    host("three", "[boot.loader]\nconfigurationLimit = 2");
    Statectl.Result third = apply().ok();
    assertTrue(third.err().contains("boot: entries for generation(s) 2, 3"), third.err());
    assertFalse(Files.exists(root.resolve("boot/loader/entries/statectl-1.conf")), "pruned by the limit");
    assertEquals("default statectl-3.conf", loaderDefault());

    Statectl.Result unknown = inRoot.run("boot", "--once", "99");
    assertEquals(5, unknown.exit(), unknown.toString());
    assertTrue(unknown.err().contains("STC-E253") && unknown.err().contains("generation 99 does not exist"), unknown.err());
    Statectl.Result pruned = inRoot.run("boot", "--default", "1");
    assertTrue(pruned.err().contains("STC-E253") && pruned.err().contains("has no boot entry"), pruned.err());
    assertFalse(Files.exists(root.resolve("boot/loader/statectl-oneshot")));

    inRoot.run("boot", "--once", "2").ok();
    assertEquals("statectl-2.conf\n", Files.readString(root.resolve("boot/loader/statectl-oneshot")));
    Statectl.Result listed = inRoot.run("generations").ok();
    assertTrue(listed.out().lines().anyMatch(l -> l.contains("   2  ") && l.contains("(next boot)")), listed.out());
    assertTrue(listed.out().lines().anyMatch(l -> l.startsWith("*") && l.contains("(boot default)")), listed.out());

    // What generation 3's init runs at boot: the one-shot choice wins once, then the default again.
    Statectl.Result booted = inRoot.run("boot", "--activate-at-boot", "--generation", "3", "--root", root.toString(),
        "--init", init.toString()).ok();
    assertTrue(booted.err().contains("activating generation 2 (the one-shot choice"), booted.err());
    assertEquals("two\n", Files.readString(root.resolve("etc/motd")));
    assertFalse(Files.exists(root.resolve("boot/loader/statectl-oneshot")), "consumed");
    listed = inRoot.run("generations").ok();
    assertTrue(listed.out().lines().anyMatch(l -> l.startsWith("*") && l.contains("   2  ") && l.contains("(booted)")),
        listed.out());
    inRoot.run("boot", "--activate-at-boot", "--root", root.toString()).ok();
    assertEquals("three\n", Files.readString(root.resolve("etc/motd")), "the next boot is the default's");
    assertTrue(inRoot.run("generations").ok().out().lines()
        .anyMatch(l -> l.startsWith("*") && l.contains("   3  ") && l.contains("(booted, boot default)")));

    inRoot.run("boot", "--default", "2").ok();
    assertEquals("default statectl-2.conf", loaderDefault());
    inRoot.run("boot", "--default", "3").ok();
    host("four", "[boot.loader]\nconfigurationLimit = 2");
    apply().ok();
    assertEquals("default statectl-3.conf", loaderDefault(), "a pin holds while its entry exists");
    host("five", "[boot.loader]\nconfigurationLimit = 2");
    apply().ok();
    assertEquals("default statectl-5.conf", loaderDefault(), "a pruned pin gives way to the newest");

    Statectl.Result roots = inRoot.run("store", "roots").ok();
    assertTrue(roots.out().contains("boot entry " + root.resolve("boot/loader/entries/statectl-4.conf")), roots.out());
    inRoot.run("gc", "--delete-generations", "4").ok();
    assertFalse(Files.exists(root.resolve("boot/loader/entries/statectl-4.conf")), "a deleted generation loses its entry");
    assertEquals(java.util.Set.of("statectl-3.conf", "statectl-5.conf"), names(root.resolve("boot/loader/entries")),
        "the newest two that remain");
    String history = inRoot.run("history").ok().out();
    assertTrue(history.contains("BootEntriesWritten") && history.contains("BootDefaultChanged"), history);
  }

  @Test
  void aKernelNotInTheRoot_andABadLimit_writeNothing() throws Exception {
    host("one", "[boot]\nkernel = \"/vmlinuz-nope\"");
    Map<String, String> before = Trees.picture(root.resolve("etc"));
    Statectl.Result r = apply();
    assertEquals(3, r.exit(), r.toString());
    assertTrue(r.err().contains("STC-E257") && r.err().contains("boot.kernel = \"/vmlinuz-nope\""), r.err());
    assertEquals(before, Trees.picture(root.resolve("etc")), "nothing under the root's /etc changed");
    assertFalse(Files.exists(root.resolve("boot/loader")));
    assertFalse(Files.exists(root.resolve("var/lib/statectl")), "refused before the state directory is made");

    host("one", "[boot.loader]\nconfigurationLimit = 0");
    Statectl.Result limit = apply();
    assertTrue(limit.exit() != 0 && limit.err().contains("configurationLimit = 0 keeps no boot entry"), limit.toString());
    assertFalse(Files.exists(root.resolve("boot/loader")));

    Statectl.Result noLoader = inRoot.run("boot", "--once", "1");
    assertTrue(noLoader.err().contains("STC-E255") || noLoader.err().contains("STC-E253"), noLoader.err());
  }

  private static java.util.Set<String> names(Path dir) throws Exception {
    try (var s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet());
    }
  }
}
