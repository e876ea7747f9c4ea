package io.statectl.events;

import java.util.Objects;
import org.axonframework.serialization.Revision;

/**
 * {@code statectl install} put a configuration onto another root, in the installer's log (the
 * root's own log records its generation 1 as an ordinary {@link GenerationActivated}).
 *
 * @param profile the aggregate: {@code install:<root>}
 * @param root the installed root's absolute path, as the installer sees it
 * @param host the configuration's host name
 * @param generation the root's system generation after the install (1)
 * @param generationPath its store path, the same absolute path inside the root
 * @param storePaths how many store paths the root's store holds afterwards
 */
@Revision("1")
public record Installed(String profile, String root, String host, int generation, String generationPath,
    int storePaths) implements StatectlEvent {
  public Installed {
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(generationPath, "generationPath");
    if (generation < 1 || storePaths < 0) {
      throw new IllegalArgumentException("an install of " + root + " records generation " + generation);
    }
  }
}
