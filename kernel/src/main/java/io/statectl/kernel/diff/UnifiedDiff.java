package io.statectl.kernel.diff;

import java.util.ArrayList;
import java.util.List;

/**
 * A line-based unified diff (LCS over lines, 3 lines of context), for small text files. Pure.
 */
public final class UnifiedDiff {
  /** Files with more lines than this on either side are not diffed line by line. */
  public static final int MAX_LINES = 2_000;
  private static final int CONTEXT = 3;

  private UnifiedDiff() {}

  /** The diff of {@code a} and {@code b} with {@code ---}/{@code +++} headers; empty text when equal. */
  public static String diff(String nameA, String a, String nameB, String b) {
    List<String> x = lines(a);
    List<String> y = lines(b);
    if (x.equals(y)) {
      return "";
    }
    int n = x.size();
    int m = y.size();
    int[][] lcs = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        lcs[i][j] = x.get(i).equals(y.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    // ops: ' ' keep, '-' delete from a, '+' insert from b; with positions in a and b
    List<char[]> ops = new ArrayList<>();
    List<int[]> pos = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && x.get(i).equals(y.get(j))) {
        ops.add(new char[] {' '});
        pos.add(new int[] {i++, j++});
      } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
        ops.add(new char[] {'-'});
        pos.add(new int[] {i++, j});
      } else {
        ops.add(new char[] {'+'});
        pos.add(new int[] {i, j++});
      }
    }
    StringBuilder out = new StringBuilder("--- " + nameA + "\n+++ " + nameB + "\n");
    int k = 0;
    while (k < ops.size()) {
      if (ops.get(k)[0] == ' ') {
        k++;
        continue;
      }
      int start = Math.max(0, k - CONTEXT);
      int end = k;
      // extend the hunk while changes are within 2*CONTEXT of each other
      int lastChange = k;
      while (end < ops.size() && end - lastChange <= 2 * CONTEXT) {
        if (ops.get(end)[0] != ' ') {
          lastChange = end;
        }
        end++;
      }
      end = Math.min(ops.size(), lastChange + CONTEXT + 1);
      int aStart = pos.get(start)[0];
      int bStart = pos.get(start)[1];
      int aLen = 0;
      int bLen = 0;
      StringBuilder hunk = new StringBuilder();
      for (int h = start; h < end; h++) {
        char op = ops.get(h)[0];
        int[] p = pos.get(h);
        String line = op == '+' ? y.get(p[1]) : x.get(p[0]);
        hunk.append(op).append(line).append('\n');
        if (op != '+') {
          aLen++;
        }
        if (op != '-') {
          bLen++;
        }
      }
      out.append("@@ -").append(range(aStart, aLen)).append(" +").append(range(bStart, bLen)).append(" @@\n")
          .append(hunk);
      k = end;
    }
    return out.toString();
  }

  private static String range(int start, int len) {
    return (len == 0 ? start : start + 1) + "," + len;
  }

  private static List<String> lines(String s) {
    List<String> out = new ArrayList<>(List.of(s.split("\n", -1)));
    if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
      out.remove(out.size() - 1);
    }
    return out;
  }
}
