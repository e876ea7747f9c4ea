package io.statectl.kernel.git;

import io.statectl.api.Sha256;
import io.statectl.events.SourceRevision;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import java.util.TreeSet;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Reads which git revision a configuration directory is at, with JGit (never by parsing
 * {@code git}'s output): the commit, its branch and subject, and whether the work tree differs.
 * Read-only: it never writes the repository (no index refresh is written back).
 */
public final class GitRevisions {
  private GitRevisions() {}

  /**
   * The revision of the git work tree holding {@code configDir}; empty when it is in none, or the
   * repository has no commit yet.
   *
   * @throws GitReadException if the repository exists but cannot be read
   */
  public static Optional<SourceRevision> of(Path configDir) {
    FileRepositoryBuilder builder = new FileRepositoryBuilder().readEnvironment().findGitDir(configDir.toFile());
    if (builder.getGitDir() == null) {
      return Optional.empty();
    }
    try (Repository repo = builder.build(); Git git = new Git(repo)) {
      ObjectId head = repo.resolve("HEAD");
      if (head == null || repo.isBare()) {
        return Optional.empty();
      }
      String subject;
      try (RevWalk walk = new RevWalk(repo)) {
        RevCommit commit = walk.parseCommit(head);
        subject = commit.getShortMessage();
      }
      String full = repo.getFullBranch();
      String branch = full != null && full.startsWith("refs/heads/") ? repo.getBranch() : null;
      Status status = git.status().call();
      TreeSet<String> changed = new TreeSet<>(status.getUncommittedChanges());
      changed.addAll(status.getUntracked());
      String dirtyHash = changed.isEmpty() ? null : hashOf(repo.getWorkTree().toPath(), changed);
      return Optional.of(new SourceRevision(head.name(), branch, dirtyHash != null, dirtyHash, subject));
    } catch (IOException | GitAPIException e) {
      throw new GitReadException(configDir, e);
    }
  }

  /** SHA-256 over each changed path and its current bytes (or a deletion mark), in path order. */
  private static String hashOf(Path workTree, TreeSet<String> paths) throws IOException {
    MessageDigest md = Sha256.newDigest();
    for (String p : paths) {
      md.update(p.getBytes(StandardCharsets.UTF_8));
      md.update((byte) 0);
      Path file = workTree.resolve(p);
      if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        md.update(Files.readAllBytes(file));
      } else if (Files.isSymbolicLink(file)) {
        md.update(("link:" + Files.readSymbolicLink(file)).getBytes(StandardCharsets.UTF_8));
      } else {
        md.update("deleted".getBytes(StandardCharsets.UTF_8));
      }
      md.update((byte) 0);
    }
    return HexFormat.of().formatHex(md.digest());
  }
}
