package io.statectl.client;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Identifies one build of the application: a hash over the name, size and modification time of
 * every jar in the assembly's {@code lib/} and {@code plugins/}. Client and server compute it
 * from the same folders; a rebuild (or an upgrade) changes it, and a client never talks to a
 * server of another build. It tells builds apart, it is no security boundary (the socket's
 * directory is the owner's alone): two 64-bit FNV-1a hashes, so that a client needs no
 * {@code MessageDigest} — loading the JDK's security providers costs a short-lived interpreted
 * JVM tens of milliseconds. Costs two directory listings and a stat per jar.
 */
public final class BuildId {
  private static final long FNV_PRIME = 0x100000001b3L;

  private BuildId() {}

  /** The build id of the application assembly at {@code app} (holding {@code lib/} and {@code plugins/}). */
  public static String of(Path app) {
    long a = 0xcbf29ce484222325L; // FNV-1a offset basis
    long b = 0x84222325cbf29ce4L; // a second, independent start
    for (String folder : new String[] {"lib", "plugins"}) {
      File dir = new File(app.toFile(), folder);
      String[] names = dir.list();
      if (names == null) {
        continue; // no such folder
      }
      Arrays.sort(names);
      for (String name : names) {
        if (!name.endsWith(".jar")) {
          continue;
        }
        File jar = new File(dir, name);
        byte[] line = (folder + "/" + name + " " + jar.length() + " " + jar.lastModified() + "\n")
            .getBytes(StandardCharsets.UTF_8);
        for (byte x : line) {
          a = (a ^ (x & 0xff)) * FNV_PRIME;
          b = (b ^ (x & 0xff)) * FNV_PRIME;
          b = Long.rotateLeft(b, 29);
        }
      }
    }
    return hex(a) + hex(b).substring(0, 8);
  }

  private static String hex(long v) {
    String s = Long.toHexString(v);
    return "0000000000000000".substring(s.length()) + s;
  }
}
