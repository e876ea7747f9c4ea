package io.statectl.shell.engine.tools;

import io.statectl.shell.engine.Output;
import io.statectl.shell.engine.Request;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code statectl init}: scaffolds a configuration repository for one host and, with
 * {@code --adopt}, moves existing dotfiles of the home into it and declares them, so that the first
 * {@code apply} puts the same content back as a managed link. Every adopted file is checked before
 * anything is written.
 */
public final class InitHandler {
  private final Output out;

  public InitHandler(Output out) {
    this.out = out;
  }

  public int init(Request.Init r) {
    Path dir = r.dir().toAbsolutePath().normalize();
    if (Files.isDirectory(dir) && !isEmpty(dir) && r.target() == Request.InitTarget.EMPTY_ONLY) {
      throw ToolsException.notEmpty(dir);
    }
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw ToolsException.notEmpty(dir);
    }
    Path home = r.home().toAbsolutePath().normalize();
    Map<String, Path> adopted = new LinkedHashMap<>();
    for (String typed : r.adopt()) {
      Path f = home.resolve(typed).normalize();
      if (!f.startsWith(home) || f.equals(home)) {
        throw ToolsException.adopt(typed, "it is outside the home " + home);
      }
      if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
        throw ToolsException.adopt(typed, Files.exists(f, LinkOption.NOFOLLOW_LINKS)
            ? f + " is a directory or a link, not a regular file" : f + " does not exist");
      }
      adopted.put(home.relativize(f).toString(), f);
    }
    try {
      Files.createDirectories(dir.resolve("hosts"));
      Files.createDirectories(dir.resolve("modules"));
      Files.createDirectories(dir.resolve("files"));
      StringBuilder common = new StringBuilder("# Shared by every host; hosts/*.toml import it.\n");
      List<String[]> moves = new ArrayList<>();
      for (Map.Entry<String, Path> a : adopted.entrySet()) {
        String repoName = repoName(a.getKey());
        common.append("\n[files.\"").append(a.getKey()).append("\"]\nsource = \"../files/").append(repoName).append("\"\n");
        if (Files.isExecutable(a.getValue())) {
          common.append("executable = true\n");
        }
        moves.add(new String[] {a.getValue().toString(), repoName});
      }
      if (adopted.isEmpty()) {
        common.append("\n# Declare dotfiles like this (the source is a file of this repository):\n"
            + "# [files.\".gitconfig\"]\n# source = \"../files/gitconfig\"\n");
      }
      Files.writeString(dir.resolve("modules/common.toml"), common);
      Files.writeString(dir.resolve("hosts/" + r.host() + ".toml"), "# The entry file of host " + r.host()
          + ": statectl apply --host " + r.host() + "\nimports = [\"../modules/common.toml\"]\n");
      if (!Files.exists(dir.resolve("files/.gitkeep"))) {
        Files.writeString(dir.resolve("files/.gitkeep"), "");
      }
      Files.writeString(dir.resolve(".gitignore"), "# statectl keeps no build output in the repository\nresult\n*.swp\n");
      for (String[] m : moves) {
        Path target = dir.resolve("files").resolve(m[1]);
        Files.createDirectories(target.getParent());
        Files.copy(Path.of(m[0]), target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
      }
      // the originals go only once every copy is in the repository
      for (String[] m : moves) {
        Files.delete(Path.of(m[0]));
        out.message("adopted " + m[0] + " as files/" + m[1]);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    gitInit(dir);
    out.result("created " + dir + " (hosts/" + r.host() + ".toml, modules/common.toml, files/, .gitignore)");
    out.result("next: statectl apply --config " + dir + " --host " + r.host()
        + (adopted.isEmpty() ? "" : " --home " + home + "   # puts the adopted files back as managed links"));
    return 0;
  }

  /** {@code .config/git/config} → {@code config/git/config}: visible names inside the repository. */
  static String repoName(String rel) {
    StringBuilder b = new StringBuilder();
    for (String part : rel.split("/")) {
      if (b.length() > 0) {
        b.append('/');
      }
      b.append(part.startsWith(".") && part.length() > 1 ? part.substring(1) : part);
    }
    return b.toString();
  }

  private static boolean isEmpty(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isEmpty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void gitInit(Path dir) {
    if (Files.isDirectory(dir.resolve(".git"))) {
      return;
    }
    try {
      Process p = new ProcessBuilder("git", "init", "-q", dir.toString()).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (p.waitFor() != 0) {
        out.message("note: `git init` failed; the repository is not under version control");
      }
    } catch (IOException e) {
      out.message("note: git is not installed; `git init " + dir + "` later to keep the configuration's history");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
