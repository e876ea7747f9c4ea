package io.statectl.kernel.store;

import io.statectl.kernel.ErrorCode;
import java.util.List;
import java.util.Set;

/**
 * A build output mentions store paths outside its derivation's input closure; it was not
 * registered. Nix calls these "undeclared references": the output would break once those paths
 * are garbage-collected, and its closure would not say that it needs them.
 */
public final class UndeclaredReferenceException extends StoreException {
  private static final long serialVersionUID = 1L;
  private final transient StorePath path;
  private final transient List<StorePath> undeclared;

  public UndeclaredReferenceException(StorePath path, Set<StorePath> undeclared) {
    super("the output " + path + " references store paths that are not among its inputs: "
        + String.join(", ", undeclared.stream().map(StorePath::toString).sorted().toList())
        + "; declare them as buildInputs, or stop the build from embedding them");
    this.path = path;
    this.undeclared = List.copyOf(undeclared);
  }

  public StorePath path() {
    return path;
  }

  public List<StorePath> undeclared() {
    return undeclared;
  }

  @Override
  public ErrorCode code() {
    return ErrorCode.BUILD_FAILED;
  }
}
