package io.statectl.kernel.generation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statectl.api.SourceLocation;
import io.statectl.api.activation.UserProfile;
import io.statectl.kernel.store.InMemoryPathIndex;
import io.statectl.kernel.store.Store;
import io.statectl.kernel.store.StorePath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserProfileFarmTest {
  @TempDir Path tmp;
  Store store;

  @BeforeEach
  void open() {
    store = Store.open(tmp.resolve("store"), new InMemoryPathIndex(), Clock.systemUTC());
  }

  @AfterEach
  void close() {
    store.close();
  }

  private StorePath pkg(String name, Map<String, String> files) {
    return store.addDirectory(name, dir -> {
      for (Map.Entry<String, String> f : files.entrySet()) {
        Path p = dir.resolve(f.getKey());
        Files.createDirectories(p.getParent());
        Files.writeString(p, f.getValue());
      }
    });
  }

  private static UserProfile.Package ref(String name, int priority, int line) {
    return new UserProfile.Package(name, priority, new SourceLocation("home/alice.toml", line, 12));
  }

  private static UserProfile profile(UserProfile.Package... packages) {
    return new UserProfile("alice", ".statectl-profile", List.of(packages), new SourceLocation("home/alice.toml", 1, 1));
  }

  @Test
  void mergesPackagesIntoOneTreeOfLinksThatReferencesThem() throws Exception {
    StorePath hello = pkg("hello-1.0", Map.of("bin/hello", "#!/bin/sh\necho hello\n", "share/man/man1/hello.1", "m"));
    StorePath rg = pkg("rg-14", Map.of("bin/rg", "rg", "share/doc/rg/README", "r"));
    StorePath farm = new UserProfileFarm(store).build(profile(ref("hello", 5, 3), ref("rg", 5, 4)),
        Map.of("hello", hello, "rg", rg));
    Path root = store.toFile(farm);
    assertEquals(store.toFile(hello).resolve("bin/hello"), Files.readSymbolicLink(root.resolve("bin/hello")));
    assertEquals(store.toFile(rg).resolve("bin/rg"), Files.readSymbolicLink(root.resolve("bin/rg")));
    assertEquals("r", Files.readString(root.resolve("share/doc/rg/README")));
    assertTrue(Files.isDirectory(root.resolve("bin"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
    assertEquals(java.util.Set.of(hello, rg), store.pathInfo(farm).orElseThrow().references(),
        "the farm keeps its packages alive");
  }

  @Test
  void theSystemFarm_givesACollidingFileToThePackageListedFirst() throws Exception {
    StorePath a = pkg("vim-9", Map.of("bin/vi", "vim", "share/doc", "a file"));
    StorePath b = pkg("nvi-1", Map.of("bin/vi", "nvi", "bin/nvi", "nvi", "share/doc/nvi", "under a file"));
    StorePath farm = new UserProfileFarm(store).build("statectl-system-sw", "system",
        List.of(ref("vim", 5, 7), ref("nvi", 5, 8)), Map.of("vim", a, "nvi", b), true);
    Path root = store.toFile(farm);
    assertEquals("vim", Files.readString(root.resolve("bin/vi")));
    assertEquals("nvi", Files.readString(root.resolve("bin/nvi")));
    assertEquals("a file", Files.readString(root.resolve("share/doc")));
  }

  @Test
  void aFileTwoPackagesProvideIsAnErrorNamingBothWithTheirLocations() {
    StorePath a = pkg("vim-9", Map.of("bin/vi", "vim"));
    StorePath b = pkg("nvi-1", Map.of("bin/vi", "nvi"));
    ProfileCollisionException e = assertThrows(ProfileCollisionException.class, () -> new UserProfileFarm(store)
        .build(profile(ref("vim", 5, 7), ref("nvi", 5, 8)), Map.of("vim", a, "nvi", b)));
    assertTrue(e.getMessage().contains("bin/vi: packages.vim (listed at home/alice.toml:7:12) and packages.nvi "
        + "(listed at home/alice.toml:8:12)"), e.getMessage());
    assertTrue(e.getMessage().contains("home.packagePriorities.nvi"), e.getMessage());
    assertEquals(1, e.collisions().size());
  }

  @Test
  void theLowerPriorityNumberWinsEitherWayRound() throws Exception {
    StorePath a = pkg("vim-9", Map.of("bin/vi", "vim"));
    StorePath b = pkg("nvi-1", Map.of("bin/vi", "nvi"));
    StorePath first = new UserProfileFarm(store).build(profile(ref("vim", 5, 7), ref("nvi", 10, 8)),
        Map.of("vim", a, "nvi", b));
    assertEquals("vim", Files.readString(store.toFile(first).resolve("bin/vi")));
    StorePath second = new UserProfileFarm(store).build(profile(ref("vim", 10, 7), ref("nvi", 5, 8)),
        Map.of("vim", a, "nvi", b));
    assertEquals("nvi", Files.readString(store.toFile(second).resolve("bin/vi")));
  }

  @Test
  void aFileInOnePackageWhereAnotherHasADirectoryCollides() {
    StorePath a = pkg("a-1", Map.of("share/thing", "file"));
    StorePath b = pkg("b-1", Map.of("share/thing/inside", "dir"));
    ProfileCollisionException e = assertThrows(ProfileCollisionException.class, () -> new UserProfileFarm(store)
        .build(profile(ref("a", 5, 1), ref("b", 5, 2)), Map.of("a", a, "b", b)));
    assertTrue(e.getMessage().contains("share/thing: packages.a"), e.getMessage());
  }

  @Test
  void applicationBundlesAreLinkedWholeNotMerged() throws Exception {
    StorePath app = pkg("editor-1", Map.of("Applications/Editor.app/Contents/Info.plist", "<plist/>"));
    StorePath farm = new UserProfileFarm(store).build(profile(ref("editor", 5, 1)), Map.of("editor", app));
    Path bundle = store.toFile(farm).resolve("Applications/Editor.app");
    assertTrue(Files.isSymbolicLink(bundle));
    assertEquals(store.toFile(app).resolve("Applications/Editor.app"), Files.readSymbolicLink(bundle));
  }

  @Test
  void theSameProfileBuildsTheSamePath() {
    StorePath a = pkg("a-1", Map.of("bin/a", "a"));
    UserProfile p = profile(ref("a", 5, 1));
    assertEquals(new UserProfileFarm(store).build(p, Map.of("a", a)), new UserProfileFarm(store).build(p, Map.of("a", a)));
  }

  /**
   * STC-E141: a system package whose output holds a file deeper than PATH_MAX (a build can make one
   * with relative mkdir/chdir, which the kernel allows) cannot be linked into sw/: a link's target
   * would be longer than a symbolic link may hold. Works as root, where no permission would fail.
   */
  @Test
  void aSystemPackageFileBeyondPathMax_isSte141_namingThePackage_andLeavesNoStorePath() throws Exception {
    io.statectl.testing.RequiredTool.require("python3", "python3");
    StorePath deep = pkg("deep-1.0", Map.of("bin/deep", "d"));
    Path out = store.toFile(deep);
    out.toFile().setWritable(true);
    // components of 200 characters up to a parent of ~4,000 characters, then a file of 250
    Process p = new ProcessBuilder("python3", "-c", """
        import os, sys
        os.chdir(sys.argv[1])
        length = len(sys.argv[1])
        while length < 3900:
            os.mkdir("d" * 200); os.chdir("d" * 200); length += 201
        open("f" * 250, "w").write("x")
        """, out.toString()).redirectErrorStream(true).start();
    String said = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor(), said);
    try {
      java.util.Set<String> before = java.util.Set.of(tmp.resolve("store").toFile().list());
      SystemSoftwareException e = assertThrows(SystemSoftwareException.class, () -> new UserProfileFarm(store)
          .buildSystemSoftware("statectl-system-sw", "system", List.of(ref("deep", 5, 7)), Map.of("deep", deep)));
      assertEquals("STC-E141", e.code().id());
      assertEquals(List.of("deep"), e.packages());
      assertTrue(e.getMessage().contains("cannot write the system profile's sw/ (the links to system.packages deep)"),
          e.getMessage());
      assertTrue(e.getMessage().contains("nothing was activated") && e.getMessage().contains("hint: "), e.getMessage());
      assertEquals(before, java.util.Set.of(tmp.resolve("store").toFile().list()), "no farm and no temporary left behind");
    } finally {
      // JUnit's clean-up walks absolute paths, which cannot reach below PATH_MAX; rmtree works by descriptors
      new ProcessBuilder("python3", "-c", "import shutil,sys; shutil.rmtree(sys.argv[1])", out.toString()).start().waitFor();
    }
  }
}
