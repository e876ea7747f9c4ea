package io.statectl.kernel.gc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.statectl.kernel.store.StorePath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeasedRootsTest {
  @TempDir Path tmp;
  static final StorePath A = StorePath.parse("0123456789abcdfghijklmnpqrsvwxyz-a");
  static final StorePath B = StorePath.parse("1123456789abcdfghijklmnpqrsvwxyz-b");

  @Test
  void aLeaseHoldsItsPathsUntilReleased_andAnExpiredOneIsDeletedByTheReader() {
    Path dir = tmp.resolve("leasedroots");
    Instant now = Instant.parse("2026-12-03T16:00:00Z");
    LeasedRoots.lease(dir, "deploy-one", now.plusSeconds(600), List.of(A, B));
    LeasedRoots.lease(dir, "deploy-old", now.minusSeconds(1), List.of(B));
    List<LeasedRoots.Lease> live = LeasedRoots.live(dir, now);
    assertEquals(1, live.size());
    assertEquals(List.of(A, B), live.get(0).paths());
    assertFalse(Files.exists(dir.resolve("deploy-old")), "an expired lease is reclaimed");
    LeasedRoots.release(dir, "deploy-one");
    assertEquals(List.of(), LeasedRoots.live(dir, now));
    LeasedRoots.release(dir, "deploy-one"); // twice is fine
    assertThrows(IllegalArgumentException.class, () -> LeasedRoots.lease(dir, "../x", now, List.of(A)));
  }
}
