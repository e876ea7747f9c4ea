package io.statectl.kernel.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UnifiedDiffTest {

  @Test
  void changedLine_givesOneHunkWithContext_deletionsBeforeInsertions() {
    String a = "one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\n";
    String b = "one\ntwo\nthree\nFOUR\nfive\nsix\nseven\neight\nnine\n";
    assertEquals("--- a/f\n+++ b/f\n"
        + "@@ -1,8 +1,9 @@\n one\n two\n three\n-four\n+FOUR\n five\n six\n seven\n eight\n+nine\n",
        UnifiedDiff.diff("a/f", a, "b/f", b));
  }

  @Test
  void farApartChanges_giveTwoHunks_andEqualTexts_giveNothing() {
    StringBuilder a = new StringBuilder();
    for (int i = 1; i <= 20; i++) {
      a.append(i).append('\n');
    }
    String b = a.toString().replace("\n2\n", "\ntwo\n").replace("\n19\n", "\nnineteen\n");
    String d = UnifiedDiff.diff("a", a.toString(), "b", b);
    assertEquals(2, d.lines().filter(l -> l.startsWith("@@")).count(), d);
    assertEquals("@@ -1,5 +1,5 @@", d.lines().toList().get(2));
    assertEquals("", UnifiedDiff.diff("a", "x\n", "b", "x\n"));
    assertEquals("--- /dev/null\n+++ b/n\n@@ -0,0 +1,1 @@\n+new\n", UnifiedDiff.diff("/dev/null", "", "b/n", "new\n"));
  }
}
