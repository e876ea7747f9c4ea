package io.statectl.shell.engine.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PackageChangesTest {
  @Test
  void sameNameOnBothSides_isOneUpgradeOrDowngrade_othersAreAddedOrRemoved() {
    PackageChanges p = PackageChanges.of(List.of("+ hello-1.10", "- hello-1.9", "+ tool-2.0", "- notes-0.3",
        "+ zlib-1.2.11", "- zlib-1.3"));
    assertEquals(List.of(
        new PackageChanges.Change("hello", PackageChanges.Kind.UPGRADED, "1.9", "1.10"),
        new PackageChanges.Change("notes", PackageChanges.Kind.REMOVED, "0.3", ""),
        new PackageChanges.Change("tool", PackageChanges.Kind.ADDED, "", "2.0"),
        new PackageChanges.Change("zlib", PackageChanges.Kind.DOWNGRADED, "1.3", "1.2.11")), p.changes());
  }

  @Test
  void namesSplitLikeParseDrvName() {
    assertArrayEquals(new String[] {"python3-requests", "2.31.0"}, PackageChanges.split("python3-requests-2.31.0"));
    assertArrayEquals(new String[] {"hello-src", ""}, PackageChanges.split("hello-src"));
    assertArrayEquals(new String[] {"openssl", "3.0.2-dev"}, PackageChanges.split("openssl-3.0.2-dev"));
  }

  @Test
  void versionsCompareNumericallyPartByPart() {
    assertTrue(PackageChanges.compareVersions("1.9", "1.10") < 0);
    assertTrue(PackageChanges.compareVersions("2.0", "2.0.1") < 0);
    assertEquals(0, PackageChanges.compareVersions("1.0", "1.0"));
    assertTrue(PackageChanges.compareVersions("1.0b", "1.0a") > 0);
  }
}
