package io.statectl.kernel.realise;

import io.statectl.kernel.store.StorePath;
import java.util.Collection;

/**
 * Where the realiser asks for a missing output before it builds it: a binary cache, in practice.
 * Implementations are thread-safe; a miss or a refused substitute is {@code false} (the reason is
 * theirs to report), and the derivation is then built.
 */
public interface SubstitutionPort {

  /** Makes every one of {@code outputs} valid (with its closure) from a substitute, or returns false. */
  boolean substitute(Collection<StorePath> outputs);

  /** No substituters: everything is built. */
  SubstitutionPort NONE = outputs -> false;
}
