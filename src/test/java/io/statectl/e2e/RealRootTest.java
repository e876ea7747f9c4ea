package io.statectl.e2e;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The guard every test command passes through. It cannot be shown failing on the real machine
 * (that would change it), so the change it must catch is given as a picture.
 */
class RealRootTest {
  @Test
  void aChangedLinkFailsNamingTheCommand() {
    RealRoot before = new RealRoot(Map.of("/run/current-system", "absent"));
    RealRoot after = new RealRoot(Map.of("/run/current-system", "link -> /tmp/x/store/abc-statectl-system-laptop"));
    AssertionError e = assertThrows(AssertionError.class,
        () -> after.assertUnchangedSince(before, List.of("statectl", "apply", "--host", "laptop")));
    assertTrue(e.getMessage().contains("statectl apply --host laptop"), e.getMessage());
  }

  @Test
  void theMachineAsItIsNow_isUnchangedSinceItself() {
    assertDoesNotThrow(() -> RealRoot.now().assertUnchangedSince(RealRoot.now(), List.of("nothing")));
  }
}
