package io.statectl.kernel.eval;

import io.statectl.kernel.config.ConfigFileSystem;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A configuration repository in memory, for evaluation tests. */
class MemoryConfigFileSystem implements ConfigFileSystem {
  private final Map<String, byte[]> files = new LinkedHashMap<>();
  private List<String> hostOrder;

  MemoryConfigFileSystem with(String path, String text) {
    files.put(path, text.getBytes(StandardCharsets.UTF_8));
    return this;
  }

  /** Makes {@link #hosts()} list in the given (arbitrary) order, like a file system may. */
  MemoryConfigFileSystem listingOrder(List<String> order) {
    hostOrder = order;
    return this;
  }

  @Override
  public Optional<byte[]> read(String path) {
    return Optional.ofNullable(files.get(path)).map(byte[]::clone);
  }

  @Override
  public boolean isExecutable(String path) {
    return false;
  }

  @Override
  public List<String> hosts() {
    if (hostOrder != null) {
      return hostOrder;
    }
    List<String> h = new ArrayList<>();
    files.keySet().stream().filter(p -> p.startsWith("hosts/") && p.endsWith(".toml"))
        .forEach(p -> h.add(p.substring(6, p.length() - 5)));
    Collections.sort(h);
    return h;
  }

  @Override
  public String describe() {
    return "(memory)";
  }
}
