package io.statectl.kernel.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statectl.events.ActivationReason;
import io.statectl.events.log.EventLog;
import io.statectl.events.log.LogRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The profile aggregate's rules for deleting and restoring generations, and against stale commands. */
class ProfileAggregateTest {
  @TempDir Path tmp;

  @Test
  void activeGeneration_cannotBeDeleted_deletedOne_cannotBeActivated_untilRestored() {
    try (EventLog log = EventLog.open(tmp.resolve("events"));
        ProfileCommands commands = ProfileCommands.start(log)) {
      assertEquals(1, commands.createGeneration("system", "h", "/s/g1", "/s/c1"));
      assertEquals(2, commands.createGeneration("system", "h", "/s/g2", "/s/c2"));
      commands.activate("system", 2, 0, ActivationReason.APPLY, "/home/u");
      assertThrows(GenerationActiveException.class, () -> commands.deleteGenerations("system", List.of(1, 2)));
      commands.deleteGenerations("system", List.of(1));
      GenerationDeletedException e = assertThrows(GenerationDeletedException.class,
          () -> commands.activate("system", 1, 2, ActivationReason.SWITCH, "/home/u"));
      assertTrue(e.getMessage().contains("replay --to-generation 1 --apply"), e.getMessage());
      commands.restoreGeneration("system", 1);
      commands.activate("system", 1, 2, ActivationReason.REPLAY, "/home/u");
      assertEquals(3, commands.createGeneration("system", "h", "/s/g3", "/s/c3"), "numbers are never reused");

      List<String> types = new ArrayList<>();
      log.forEach(1, Long.MAX_VALUE, r -> types.add(r.type()));
      assertEquals(List.of("GenerationCreated", "GenerationCreated", "GenerationActivated", "GenerationsDeleted",
          "GenerationRestored", "GenerationActivated", "GenerationCreated"), types);
      LogRecord first = log.read(1).orElseThrow();
      assertTrue(new String(first.metadata(), java.nio.charset.StandardCharsets.UTF_8).contains("\"user\""),
          "events say who made them");
    }
  }

  @Test
  void staleCommand_fromAProcessThatSawAnOlderProfile_isRejectedWithClearMessage() {
    try (EventLog log = EventLog.open(tmp.resolve("events"));
        ProfileCommands first = ProfileCommands.start(log);
        ProfileCommands second = ProfileCommands.start(log)) {
      first.createGeneration("system", "h", "/s/g1", "/s/c1");
      first.createGeneration("system", "h", "/s/g2", "/s/c2");
      first.activate("system", 1, 0, ActivationReason.APPLY, "/home/u");
      // the second process decided "nothing is active" before the first activated generation 1
      ConcurrentProfileChangeException e = assertThrows(ConcurrentProfileChangeException.class,
          () -> second.activate("system", 2, 0, ActivationReason.APPLY, "/home/u"));
      assertTrue(e.getMessage().contains("expected generation 0 to be active, but 1 is"), e.getMessage());
      assertEquals(3, log.lastSequence(), "nothing was appended: history did not fork");
    }
  }
}
