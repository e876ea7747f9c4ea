package io.statectl.shell.engine.ui;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A closure as nix-tree shows it: every path with its own NAR size and the size of its own closure,
 * its references sorted largest closure first, and why-depends (the shortest chain of references
 * from the root to a path). Pure: built from the store's path infos by {@link ClosurePage}.
 */
final class ClosureTree {
  /** One store path: its NAR size and the paths it references (itself excluded). */
  record Node(String path, long narSize, List<String> references) {
    Node {
      references = references.stream().filter(r -> !r.equals(path)).toList();
    }

    /** The name after the hash, as nix-tree labels it. */
    String name() {
      String base = path.substring(path.lastIndexOf('/') + 1);
      int dash = base.indexOf('-');
      return dash > 0 ? base.substring(dash + 1) : base;
    }
  }

  private final String root;
  private final Map<String, Node> nodes;
  private final Map<String, Long> closureSizes = new HashMap<>();

  ClosureTree(String root, Map<String, Node> nodes) {
    if (!nodes.containsKey(root)) {
      throw new IllegalArgumentException("the root " + root + " is not among the nodes");
    }
    this.root = root;
    this.nodes = Map.copyOf(nodes);
  }

  String root() {
    return root;
  }

  Node node(String path) {
    return nodes.get(path);
  }

  /** Every path of the closure, largest closure first. */
  List<Node> all() {
    List<Node> out = new ArrayList<>(nodes.values());
    out.sort(bySize());
    return out;
  }

  /** The paths {@code path} references that this tree knows, largest closure first. */
  List<Node> children(String path) {
    List<Node> out = new ArrayList<>();
    for (String r : nodes.get(path).references()) {
      Optional.ofNullable(nodes.get(r)).ifPresent(out::add);
    }
    out.sort(bySize());
    return out;
  }

  /** The sum of the NAR sizes of {@code path} and everything it references, transitively (each path once). */
  long closureSize(String path) {
    Long known = closureSizes.get(path);
    if (known != null) {
      return known;
    }
    long sum = 0;
    for (String p : reachable(path)) {
      sum += nodes.get(p).narSize();
    }
    closureSizes.put(path, sum);
    return sum;
  }

  private Set<String> reachable(String from) {
    Set<String> seen = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>(List.of(from));
    while (!todo.isEmpty()) {
      String p = todo.pop();
      if (nodes.containsKey(p) && seen.add(p)) {
        todo.addAll(nodes.get(p).references());
      }
    }
    return seen;
  }

  /** The shortest chain root → … → {@code target}; empty when the root does not reach it. */
  List<String> whyDepends(String target) {
    Map<String, String> parent = new HashMap<>();
    Deque<String> queue = new ArrayDeque<>(List.of(root));
    Set<String> seen = new HashSet<>(List.of(root));
    while (!queue.isEmpty()) {
      String p = queue.poll();
      if (p.equals(target)) {
        List<String> chain = new ArrayList<>();
        for (String at = p; at != null; at = parent.get(at)) {
          chain.add(at);
        }
        Collections.reverse(chain);
        return chain;
      }
      for (String r : nodes.get(p).references()) {
        if (nodes.containsKey(r) && seen.add(r)) {
          parent.put(r, p);
          queue.add(r);
        }
      }
    }
    return List.of();
  }

  private Comparator<Node> bySize() {
    return Comparator.comparingLong((Node n) -> closureSize(n.path())).reversed().thenComparing(Node::path);
  }
}
