package io.statectl.bench;

import io.statectl.kernel.config.ConfigFileSystem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A generated configuration of {@code modules} files × {@code options} definitions each, wired as
 * an import chain inside groups of ten plus a fan-out from the host file: the shape of a large
 * NixOS configuration (the anchor workload of ../shared/bench-anchors/nix-eval-modules.sh).
 */
public final class GeneratedConfiguration implements ConfigFileSystem {
  private final Map<String, byte[]> files = new LinkedHashMap<>();

  public GeneratedConfiguration(int modules, int options) {
    StringBuilder host = new StringBuilder("imports = [");
    for (int m = 0; m < modules; m++) {
      StringBuilder f = new StringBuilder();
      boolean chainHead = m % 10 == 0;
      if (!chainHead) {
        f.append("# chained from m").append(m - 1).append('\n');
      }
      if (m % 10 != 9 && m + 1 < modules) {
        f.append("imports = [\"m").append(m + 1).append(".toml\"]\n");
      }
      if (chainHead) {
        host.append(m == 0 ? "" : ", ").append("\"../modules/m").append(m).append(".toml\"");
      }
      for (int o = 0; o < options; o++) {
        f.append("[files.\"m").append(m).append("/f").append(o).append("\"]\n");
        if (o % 4 == 3) {
          f.append("text = \"${system.hostname} module ").append(m).append(" option ").append(o).append("\\n\"\n");
        } else {
          f.append("text = \"module ").append(m).append(" option ").append(o).append("\\n\"\n");
        }
        if (o % 5 == 0) {
          f.append("executable = true\n");
        }
      }
      put("modules/m" + m + ".toml", f.toString());
    }
    put("hosts/bench.toml", host.append("]\n[system]\nstateVersion = \"0.1\"\n").toString());
  }

  private void put(String path, String text) {
    files.put(path, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes the repository to {@code dir}, for end-to-end runs of the CLI. */
  public void writeTo(Path dir) throws IOException {
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      Path p = dir.resolve(e.getKey());
      Files.createDirectories(p.getParent());
      Files.write(p, e.getValue());
    }
  }

  @Override
  public Optional<byte[]> read(String path) {
    return Optional.ofNullable(files.get(path));
  }

  @Override
  public boolean isExecutable(String path) {
    return false;
  }

  @Override
  public List<String> hosts() {
    return List.of("bench");
  }

  @Override
  public String describe() {
    return "(generated)";
  }

  /** {@code java -cp … io.statectl.bench.GeneratedConfiguration DIR [MODULES OPTIONS]} */
  public static void main(String[] args) throws IOException {
    int modules = args.length > 1 ? Integer.parseInt(args[1]) : 500;
    int options = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    new GeneratedConfiguration(modules, options).writeTo(Path.of(args[0]));
  }
}
