package io.statectl.shell.engine.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * nvd's package table from {@code diff --json}'s {@code "+ name-version"} / {@code "- name-version"}
 * lines: a name on both sides with different versions is one upgraded or downgraded row, not an
 * addition and a removal. Names split as Nix's {@code parseDrvName} does: the version starts at the
 * first {@code -} followed by a digit.
 */
record PackageChanges(List<Change> changes) {
  PackageChanges {
    changes = List.copyOf(changes);
  }

  /** How a package changed between the two generations. A closed set. */
  enum Kind { ADDED, REMOVED, UPGRADED, DOWNGRADED, CHANGED }

  /** One package row: its name and the versions before and after (empty on the side it is missing). */
  record Change(String name, Kind kind, String before, String after) {}

  static PackageChanges of(List<String> lines) {
    Map<String, List<String>> added = new TreeMap<>();
    Map<String, List<String>> removed = new TreeMap<>();
    for (String line : lines) {
      if (line.length() < 3) {
        continue;
      }
      String[] nv = split(line.substring(2).trim());
      (line.charAt(0) == '+' ? added : removed).computeIfAbsent(nv[0], k -> new ArrayList<>()).add(nv[1]);
    }
    List<Change> out = new ArrayList<>();
    TreeMap<String, Boolean> names = new TreeMap<>();
    added.keySet().forEach(n -> names.put(n, true));
    removed.keySet().forEach(n -> names.put(n, true));
    for (String name : names.keySet()) {
      List<String> a = added.getOrDefault(name, List.of());
      List<String> r = removed.getOrDefault(name, List.of());
      if (!a.isEmpty() && !r.isEmpty()) {
        String before = String.join(", ", r);
        String after = String.join(", ", a);
        int c = a.size() == 1 && r.size() == 1 ? compareVersions(r.get(0), a.get(0)) : 0;
        out.add(new Change(name, c < 0 ? Kind.UPGRADED : c > 0 ? Kind.DOWNGRADED : Kind.CHANGED, before, after));
      } else if (!a.isEmpty()) {
        out.add(new Change(name, Kind.ADDED, "", String.join(", ", a)));
      } else {
        out.add(new Change(name, Kind.REMOVED, String.join(", ", r), ""));
      }
    }
    return new PackageChanges(out);
  }

  /** {@code [name, version]}; the version is empty when there is none. */
  static String[] split(String storeName) {
    for (int i = 0; i + 1 < storeName.length(); i++) {
      if (storeName.charAt(i) == '-' && Character.isDigit(storeName.charAt(i + 1))) {
        return new String[] {storeName.substring(0, i), storeName.substring(i + 1)};
      }
    }
    return new String[] {storeName, ""};
  }

  /** Nix's {@code compareVersions}, simplified: dot/dash separated parts, numbers numerically, else as text. */
  static int compareVersions(String a, String b) {
    String[] x = a.split("[.\\-]");
    String[] y = b.split("[.\\-]");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      String p = i < x.length ? x[i] : "";
      String q = i < y.length ? y[i] : "";
      int c;
      if (p.matches("\\d+") && q.matches("\\d+")) {
        c = new java.math.BigInteger(p).compareTo(new java.math.BigInteger(q));
      } else if (p.isEmpty() || q.isEmpty()) {
        c = p.isEmpty() ? -1 : 1;
      } else {
        c = p.compareTo(q);
      }
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }
}
