package io.statectl.kernel.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Text adds whose registrations commit together: each {@link #addText} writes its file into place
 * at once, and {@link #commit} makes all of them valid in one index transaction — one fsync instead
 * of one per path, which is most of what storing a thousand {@code .drv}s costs. A path added here
 * is not valid before the commit (it is garbage if the process dies first, replaced when added
 * again); later adds of this batch may reference it. Thread-safe.
 */
public final class RegistrationBatch {
  private final Store store;
  private final Map<StorePath, PathInfo> pending = new LinkedHashMap<>();

  RegistrationBatch(Store store) {
    this.store = store;
  }

  /** As {@link Store#addText}, registered at {@link #commit}. */
  public StorePath addText(String name, byte[] content, Set<StorePath> references) {
    return store.addText(name, content, references, this);
  }

  /** Makes every path added so far valid, in one transaction; the batch is empty afterwards. */
  public void commit() {
    List<PathInfo> infos;
    synchronized (this) {
      infos = new ArrayList<>(pending.values());
      pending.clear();
    }
    store.register(infos);
  }

  synchronized boolean pending(StorePath path) {
    return pending.containsKey(path);
  }

  synchronized void add(PathInfo info) {
    pending.put(info.path(), info);
  }
}
