package io.statectl.kernel.inputs;

import io.statectl.kernel.store.FileTrees;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Reads inputs with JGit (never by running {@code git}): which commit a ref names on the remote,
 * and the tree of a commit written out as plain files (no {@code .git}, no submodules), ready to be
 * added to the store. Path inputs are copied without their {@code .git}. Stateless and thread-safe.
 */
public final class InputFetcher {
  private static final Pattern FULL_COMMIT = Pattern.compile("[0-9a-f]{40}");

  private InputFetcher() {}

  /**
   * The commit {@code source.ref()} names: {@code HEAD}, a branch, a tag (peeled) or a full ref
   * name, asked of the remote; a full 40-hex commit id is taken as it is (checked when fetched).
   *
   * @throws InputException {@code UNREACHABLE} when the URL does not answer, {@code REF_UNKNOWN} when no such ref
   */
  public static String resolve(String name, InputSource.Git source) {
    if (FULL_COMMIT.matcher(source.ref()).matches()) {
      return source.ref();
    }
    Map<String, Ref> refs;
    try {
      refs = Git.lsRemoteRepository().setRemote(source.url()).setHeads(false).setTags(false).callAsMap();
    } catch (GitAPIException | RuntimeException e) {
      throw unreachable(name, source, e);
    }
    String ref = source.ref();
    for (String candidate : new String[] {ref, Constants.R_HEADS + ref, Constants.R_TAGS + ref}) {
      Ref r = refs.get(candidate);
      if (r != null) {
        ObjectId id = r.getPeeledObjectId() != null ? r.getPeeledObjectId() : r.getObjectId();
        Ref peeled = refs.get(candidate + "^{}");
        return (peeled != null ? peeled.getObjectId() : id).name();
      }
    }
    throw new InputException(InputException.Reason.REF_UNKNOWN, name, "input " + name + ": " + source.url()
        + " has no branch, tag or ref '" + ref + "'", "check the ref with `git ls-remote " + source.url()
        + "`, fix inputs." + name + ".ref in statectl.toml, then run `statectl lock --update " + name + "`");
  }

  /**
   * Writes the tree of {@code commit} of {@code source} into the new directory {@code into}, using
   * {@code scratch} (a new directory, deleted afterwards) for the fetched objects.
   */
  public static void checkout(String name, InputSource.Git source, String commit, Path scratch, Path into) {
    try (Git git = Git.init().setBare(true).setDirectory(scratch.toFile()).call()) {
      try {
        git.fetch().setRemote(source.url()).setRefSpecs(new RefSpec("+refs/heads/*:refs/remotes/origin/*"),
            new RefSpec("+refs/tags/*:refs/tags/*")).call();
      } catch (GitAPIException | RuntimeException e) {
        throw unreachable(name, source, e);
      }
      Repository repo = git.getRepository();
      try (RevWalk walk = new RevWalk(repo); ObjectReader reader = repo.newObjectReader()) {
        RevCommit c;
        try {
          c = walk.parseCommit(ObjectId.fromString(commit));
        } catch (MissingObjectException | IllegalArgumentException e) {
          throw new InputException(InputException.Reason.REF_UNKNOWN, name, "input " + name + ": commit " + commit
              + " is not in " + source.url() + " (the history was rewritten, or the ref names no commit)",
              "run `statectl lock --update " + name + "` to pin what " + source.ref() + " names now", e);
        }
        write(reader, c, into);
      }
    } catch (GitAPIException e) {
      throw new UncheckedIOException(new IOException("cannot create a scratch repository in " + scratch, e));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write input " + name + " into " + into, e);
    } finally {
      FileTrees.deleteRecursively(scratch);
    }
  }

  private static void write(ObjectReader reader, RevCommit c, Path into) throws IOException {
    Files.createDirectories(into);
    try (TreeWalk tree = new TreeWalk(reader)) {
      tree.addTree(c.getTree());
      tree.setRecursive(true);
      while (tree.next()) {
        FileMode mode = tree.getFileMode(0);
        Path file = into.resolve(tree.getPathString());
        if (!file.normalize().startsWith(into)) {
          throw new IOException("the tree names a path outside itself: " + tree.getPathString());
        }
        if (mode == FileMode.GITLINK) {
          continue; // a submodule is another repository: not part of this input's tree
        }
        Files.createDirectories(file.getParent());
        byte[] bytes = reader.open(tree.getObjectId(0)).getBytes();
        if (mode == FileMode.SYMLINK) {
          Files.createSymbolicLink(file, Path.of(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)));
          continue;
        }
        try (OutputStream o = Files.newOutputStream(file)) {
          o.write(bytes);
        }
        if (mode == FileMode.EXECUTABLE_FILE) {
          Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
      }
    }
  }

  /**
   * Copies the directory of a path input into the new directory {@code into}, without its
   * {@code .git} (the work tree is the input, not its history).
   *
   * @throws InputException {@code UNREACHABLE} when {@code dir} is not a directory
   */
  public static void copyLocal(String name, Path dir, Path into) {
    if (!Files.isDirectory(dir)) {
      throw new InputException(InputException.Reason.UNREACHABLE, name, "input " + name + ": " + dir
          + " is not a directory", "fix inputs." + name + ".path in statectl.toml (it is relative to the configuration)");
    }
    FileTrees.copy(dir, into);
    Path git = into.resolve(".git");
    if (Files.exists(git, LinkOption.NOFOLLOW_LINKS)) {
      FileTrees.deleteRecursively(git);
    }
  }

  private static InputException unreachable(String name, InputSource.Git source, Exception e) {
    return new InputException(InputException.Reason.UNREACHABLE, name, "input " + name + ": cannot read "
        + source.url() + ": " + e.getMessage(), "check the URL with `git ls-remote " + source.url()
        + "` (and the network); nothing was changed", e);
  }
}
