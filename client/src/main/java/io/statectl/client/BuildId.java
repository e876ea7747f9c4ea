package io.statectl.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Identifies one build of the application: a SHA-256 over the name, size and modification time
 * of every jar in the assembly's {@code lib/} and {@code plugins/}. Client and server compute it
 * from the same folders; a rebuild (or an upgrade) changes it, and a client never talks to a
 * server of another build. Costs a directory listing, a few milliseconds.
 */
public final class BuildId {
  private BuildId() {}

  /** The build id of the application assembly at {@code app} (holding {@code lib/} and {@code plugins/}). */
  public static String of(Path app) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String folder : List.of("lib", "plugins")) {
        Path dir = app.resolve(folder);
        if (!Files.isDirectory(dir)) {
          continue;
        }
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.jar")) {
          s.forEach(jars::add);
        }
        jars.sort(null);
        for (Path jar : jars) {
          BasicFileAttributes a = Files.readAttributes(jar, BasicFileAttributes.class);
          sha.update((folder + "/" + jar.getFileName() + " " + a.size() + " " + a.lastModifiedTime().toMillis() + "\n")
              .getBytes(StandardCharsets.UTF_8));
        }
      }
      return HexFormat.of().formatHex(sha.digest(), 0, 12);
    } catch (IOException e) {
      return "unknown-" + e.getClass().getSimpleName();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
