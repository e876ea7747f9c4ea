package io.statectl.shell.engine.deploy;

import io.statectl.kernel.cache.NarUnpacker;
import io.statectl.kernel.store.FileTrees;
import io.statectl.kernel.store.Hash;
import io.statectl.kernel.store.Nar;
import io.statectl.kernel.store.NarDigest;
import io.statectl.kernel.store.PathInfo;
import io.statectl.kernel.store.Store;
import io.statectl.kernel.store.StorePath;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The closure copy over one ssh channel, both ends. The deployer offers the closure
 * ({@code store <dir>}, then {@code want <base name>} lines, {@code done}); the node answers with
 * the {@code missing} ones and {@code done}; the deployer then sends each missing path as a header
 * line ({@code nar <name> <narSize> <narHash> <deriver|-> <refs,…|->}) followed by exactly its NAR
 * ({@link Nar#write}, unpacked by {@link NarUnpacker}, the binary cache's code), references
 * first, and {@code end}. The node checks every NAR's hash and size against its header and
 * registers all of them in one index transaction, or none.
 */
final class ClosureStream {
  private static final int MAX_LINE = 64 * 1024;

  private ClosureStream() {}

  /** What a copy moved, and every path offered (what the node must keep until it activates). */
  record Copied(int paths, long bytes, List<StorePath> offered) {
    Copied {
      offered = List.copyOf(offered);
    }
  }

  // ---- the deployer's end ----

  /**
   * Offers {@code closure} (valid in {@code store}) to the node reading {@code toNode} and answering
   * on {@code fromNode}, then streams what it lacks.
   */
  static Copied send(Store store, Collection<StorePath> closure, OutputStream toNode, InputStream fromNode)
      throws IOException {
    writeLine(toNode, "store " + store.directory());
    for (StorePath p : closure) {
      writeLine(toNode, "want " + p);
    }
    writeLine(toNode, "done");
    toNode.flush();
    Set<StorePath> missing = new HashSet<>();
    for (String line = readLine(fromNode); !line.equals("done"); line = readLine(fromNode)) {
      if (!line.startsWith("missing ")) {
        throw new IOException("the node answered '" + line + "' instead of the paths it lacks");
      }
      missing.add(StorePath.parse(line.substring("missing ".length())));
    }
    long bytes = 0;
    for (StorePath p : referencesFirst(store, missing)) {
      PathInfo info = store.pathInfo(p).orElseThrow();
      writeLine(toNode, "nar " + p + " " + info.narSize() + " " + info.narHash() + " "
          + info.deriver().map(StorePath::toString).orElse("-") + " "
          + (info.references().isEmpty() ? "-" : String.join(",", info.references().stream().map(StorePath::toString)
              .toList())));
      Nar.write(store.toFile(p), toNode);
      bytes += info.narSize();
    }
    writeLine(toNode, "end");
    toNode.flush();
    toNode.close();
    String last = readLine(fromNode);
    if (!last.startsWith("received ")) {
      throw new IOException("the node answered '" + last + "' instead of confirming the paths");
    }
    return new Copied(missing.size(), bytes, List.copyOf(closure));
  }

  /** {@code paths} ordered so that each comes after those of them it references. */
  private static List<StorePath> referencesFirst(Store store, Set<StorePath> paths) {
    List<StorePath> order = new ArrayList<>();
    Set<StorePath> seen = new HashSet<>();
    for (StorePath p : new TreeSet<>(paths)) {
      visit(store, p, paths, seen, order);
    }
    return order;
  }

  private static void visit(Store store, StorePath p, Set<StorePath> wanted, Set<StorePath> seen, List<StorePath> order) {
    if (!seen.add(p)) {
      return;
    }
    for (StorePath r : store.pathInfo(p).orElseThrow().references()) {
      if (wanted.contains(r) && !r.equals(p)) {
        visit(store, r, wanted, seen, order);
      }
    }
    order.add(p);
  }

  // ---- the node's end ----

  /** Answers one offer on {@code in}/{@code out} and registers what was sent; returns what came. */
  static Copied receive(Store store, InputStream in, OutputStream out) throws IOException {
    String first = readLine(in);
    String theirs = first.startsWith("store ") ? first.substring("store ".length()) : "";
    if (!theirs.equals(store.directory().toString())) {
      throw new IOException("the deployer's store is " + theirs + " but this node's is " + store.directory()
          + "; store paths differ between them (deploy with the same --state-dir on both)");
    }
    List<StorePath> offered = new ArrayList<>();
    for (String line = readLine(in); !line.equals("done"); line = readLine(in)) {
      if (!line.startsWith("want ")) {
        throw new IOException("expected 'want <path>', got '" + line + "'");
      }
      StorePath p = StorePath.parse(line.substring("want ".length()));
      offered.add(p);
      if (!store.isValid(p)) {
        writeLine(out, "missing " + p);
      }
    }
    writeLine(out, "done");
    out.flush();
    Map<Path, PathInfo> unpacked = new LinkedHashMap<>();
    long bytes = 0;
    try {
      for (String line = readLine(in); !line.equals("end"); line = readLine(in)) {
        String[] f = line.split(" ");
        if (f.length != 6 || !f[0].equals("nar")) {
          throw new IOException("expected a 'nar' header, got '" + line + "'");
        }
        StorePath path = StorePath.parse(f[1]);
        long size = Long.parseLong(f[2]);
        Hash hash = Hash.parse(f[3]);
        Optional<StorePath> deriver = f[4].equals("-") ? Optional.empty() : Optional.of(StorePath.parse(f[4]));
        List<StorePath> refs = new ArrayList<>();
        if (!f[5].equals("-")) {
          for (String r : f[5].split(",")) {
            refs.add(StorePath.parse(r));
          }
        }
        Path temp = store.newTempPath();
        NarDigest got = NarUnpacker.unpack(new Bounded(in, size), temp, store.directory().toString(), size);
        unpacked.put(temp, deriver.map(d -> PathInfo.of(path, got, refs, Instant.now()).withDeriver(d))
            .orElseGet(() -> PathInfo.of(path, got, refs, Instant.now())));
        if (!got.narHash().equals(hash) || got.narSize() != size) {
          throw new IOException("the NAR of " + path + " has hash " + got.narHash() + " and " + got.narSize()
              + " bytes, but its header says " + hash + " and " + size + "; nothing was kept");
        }
        bytes += size;
      }
    } catch (IOException | RuntimeException e) {
      unpacked.keySet().forEach(FileTrees::deleteRecursively);
      throw e;
    }
    store.registerTrees(unpacked);
    writeLine(out, "received " + unpacked.size() + " " + bytes);
    out.flush();
    return new Copied(unpacked.size(), bytes, offered);
  }

  private static void writeLine(OutputStream out, String line) throws IOException {
    out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /** One line without reading past it (the NAR bytes follow on the same stream). */
  static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("the connection ended in the middle of the copy"
            + (line.size() > 0 ? " (after '" + line.toString(StandardCharsets.UTF_8) + "')" : ""));
      }
      if (line.size() >= MAX_LINE) {
        throw new IOException("a protocol line is longer than " + MAX_LINE + " bytes");
      }
      line.write(b);
    }
    return line.toString(StandardCharsets.UTF_8);
  }

  /** Exactly {@code size} bytes of the stream, then end of stream (closing it leaves the rest unread). */
  private static final class Bounded extends InputStream {
    private final InputStream in;
    private long remaining;

    Bounded(InputStream in, long size) {
      this.in = in;
      this.remaining = size;
    }

    @Override
    public int read() throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int b = in.read();
      if (b >= 0) {
        remaining--;
      }
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int n = in.read(buf, off, (int) Math.min(len, remaining));
      if (n > 0) {
        remaining -= n;
      }
      return n;
    }

    @Override
    public void close() {}
  }
}
