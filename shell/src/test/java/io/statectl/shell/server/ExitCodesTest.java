package io.statectl.shell.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.statectl.client.Client;
import io.statectl.kernel.ErrorCode;
import org.junit.jupiter.api.Test;

/** The client cannot see the kernel's table of codes; these must agree with it. */
class ExitCodesTest {
  @Test
  void clientExitCodes_areTheTablesOwn() {
    assertEquals(ErrorCode.SERVER_UNAVAILABLE.exitCode(), Client.EXIT_SERVER_DIED);
    assertEquals(ErrorCode.CANCELLED.exitCode(), Client.EXIT_INTERRUPTED);
  }
}
