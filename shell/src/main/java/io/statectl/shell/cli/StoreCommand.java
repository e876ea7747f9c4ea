package io.statectl.shell.cli;

import io.statectl.shell.engine.Request;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "store", mixinStandardHelpOptions = true,
    description = "Inspect, verify, repair and add to the store; list what keeps its paths alive.",
    subcommands = {StoreCommand.PathInfoCommand.class, StoreCommand.RootsCommand.class, StoreCommand.WhyAliveCommand.class,
        StoreCommand.VerifyCommand.class, StoreCommand.AddCommand.class, StoreCommand.OptimiseCommand.class})
final class StoreCommand {

  @Command(name = "roots", mixinStandardHelpOptions = true,
      description = "List every GC root and what holds it: generations of every profile, configuration snapshots, "
          + "backups, profile links, gcroots and out-links, and temp roots of running commands.")
  static final class RootsCommand implements Callable<Integer> {
    @Mixin StateOptions state;

    @Option(names = "--json", description = "Print JSON for tools.")
    boolean json;

    @Override
    public Integer call() {
      return Run.request(new Request.ListRoots(state.state(), json ? Request.Format.JSON : Request.Format.TEXT));
    }
  }

  @Command(name = "why-alive", mixinStandardHelpOptions = true,
      description = "Print the chain of references from a root to PATH, i.e. why gc keeps it; exit 1 (STC-E104) if nothing does.")
  static final class WhyAliveCommand implements Callable<Integer> {
    @Mixin StateOptions state;

    @Parameters(paramLabel = "PATH", description = "A store path (absolute, or its <hash>-<name> part).")
    String path;

    @Override
    public Integer call() {
      return Run.request(new Request.WhyAlive(state.state(),
          path.contains("/") ? Invocation.current().resolve(path).toString() : path));
    }
  }

  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = {"Check the store index against the disk: missing paths, unregistered entries, dangling references, "
          + "and profile or root links to missing paths; each problem on one line, exit 16 (STC-E100) if any.",
          "--check-contents also hashes every path again and names those whose NAR hash differs; --repair rebuilds "
              + "missing and damaged paths from their derivations (atomically) and deletes unregistered entries."})
  static final class VerifyCommand implements Callable<Integer> {
    @Mixin StateOptions state;
    @Mixin WaitOptions waitOptions;

    @Option(names = "--check-contents", description = "Hash every valid path's contents and compare with the index.")
    boolean checkContents;

    @Option(names = "--repair", description = "Rebuild missing or damaged paths from their derivations; delete unregistered entries.")
    boolean repair;

    @Override
    public Integer call() {
      return Run.request(new Request.StoreVerify(state.state(),
          checkContents ? Request.ContentCheck.CHECK : Request.ContentCheck.SKIP,
          repair ? Request.RepairMode.REPAIR : Request.RepairMode.REPORT), waitOptions.waitTimeout());
    }
  }

  @Command(name = "optimise", aliases = "optimize", mixinStandardHelpOptions = true,
      description = "Hard-link identical files across the store (via <store>/.links, as nix-store --optimise) and "
          + "print how many files were linked and the bytes saved. Files that differ in mode are never linked.")
  static final class OptimiseCommand implements Callable<Integer> {
    @Mixin StateOptions state;
    @Mixin WaitOptions waitOptions;

    @Override
    public Integer call() {
      return Run.request(new Request.StoreOptimise(state.state()), waitOptions.waitTimeout());
    }
  }

  @Command(name = "add", mixinStandardHelpOptions = true,
      description = "Add a file or directory to the store as a content-addressed source path (the path `nix-store --add` "
          + "gives the same content, name and store directory) and print it. Re-adding unchanged content is a fast no-op.")
  static final class AddCommand implements Callable<Integer> {
    @Mixin StateOptions state;
    @Mixin WaitOptions waitOptions;

    @Parameters(paramLabel = "PATH", description = "The file or directory to add (symlinks inside are kept as links).")
    String path;

    @Option(names = "--name", paramLabel = "N", description = "The name part of the store path (default: PATH's file name).")
    String name;

    @Override
    public Integer call() {
      return Run.request(new Request.StoreAdd(state.state(), Invocation.current().resolve(path),
          java.util.Optional.ofNullable(name)), waitOptions.waitTimeout());
    }
  }

  @Command(name = "path-info", mixinStandardHelpOptions = true,
      description = "Show what the store index knows about a path: hash, size, references, registration time.")
  static final class PathInfoCommand implements Callable<Integer> {
    @Mixin StateOptions state;

    @Parameters(paramLabel = "PATH", description = "A store path (absolute, or its <hash>-<name> part).")
    String path;

    @Option(names = "--json", description = "Print JSON for tools.")
    boolean json;

    @Option(names = "--closure-size", description = "Print the path's size and the size of its closure (it and everything it references).")
    boolean closureSize;

    @Override
    public Integer call() {
      // a path with a slash is a file the user names, relative to their working directory
      String named = path.contains("/") ? Invocation.current().resolve(path).toString() : path;
      Request.Format format = json ? Request.Format.JSON : Request.Format.TEXT;
      if (closureSize) {
        return Run.request(new Request.ClosureSize(state.state(), named, format));
      }
      return Run.request(new Request.PathInfo(state.state(), named, format));
    }
  }
}
