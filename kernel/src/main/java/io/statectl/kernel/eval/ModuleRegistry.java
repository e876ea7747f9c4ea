package io.statectl.kernel.eval;

import java.util.List;

/** The modules available to evaluation, in a stable order (by namespace). Thread-safe. */
public interface ModuleRegistry {
  List<LoadedModule> modules();
}
