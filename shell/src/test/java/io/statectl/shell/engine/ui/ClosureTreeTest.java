package io.statectl.shell.engine.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClosureTreeTest {
  private static final String S = "/s/";

  private static ClosureTree.Node n(String name, long size, String... refs) {
    return new ClosureTree.Node(S + "h-" + name, size, java.util.Arrays.stream(refs).map(r -> S + "h-" + r).toList());
  }

  /** root → a → c, root → b → c, b → d; c is shared; root references itself (as Nix paths may). */
  private final ClosureTree tree = new ClosureTree(S + "h-root", Map.of(
      S + "h-root", n("root", 1, "a", "b", "root"),
      S + "h-a", n("a", 10, "c"),
      S + "h-b", n("b", 20, "c", "d"),
      S + "h-c", n("c", 100),
      S + "h-d", n("d", 5)));

  @Test
  void closureSizesCountEverySharedPathOnce() {
    assertEquals(136, tree.closureSize(S + "h-root"));
    assertEquals(125, tree.closureSize(S + "h-b"));
    assertEquals(110, tree.closureSize(S + "h-a"));
    assertEquals(100, tree.closureSize(S + "h-c"));
  }

  @Test
  void childrenAreSortedLargestClosureFirst_andASelfReferenceIsNoChild() {
    assertEquals(List.of("b", "a"), tree.children(S + "h-root").stream().map(ClosureTree.Node::name).toList());
    assertEquals(List.of("root", "b", "a", "c", "d"), tree.all().stream().map(ClosureTree.Node::name).toList());
  }

  @Test
  void whyDependsIsTheShortestChainFromTheRoot() {
    assertEquals(List.of(S + "h-root", S + "h-b", S + "h-d"), tree.whyDepends(S + "h-d"));
    assertEquals(List.of(S + "h-root"), tree.whyDepends(S + "h-root"));
    assertEquals(List.of(), tree.whyDepends(S + "h-nowhere"));
  }
}
