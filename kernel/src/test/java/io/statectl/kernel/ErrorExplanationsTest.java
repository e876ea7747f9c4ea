package io.statectl.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ErrorExplanationsTest {
  private final ErrorExplanations bundled = ErrorExplanations.bundled();

  @Test
  void everyCode_hasAnExplanationWithCauseAndFix() {
    Set<String> missing = new TreeSet<>();
    for (ErrorCode c : ErrorCode.values()) {
      if (bundled.of(c).isEmpty()) {
        missing.add(c.id());
      }
    }
    assertTrue(missing.isEmpty(), "codes without an explanation in error-codes.txt: " + missing);
  }

  @Test
  void everyExplanation_namesAnExistingCode() {
    Set<String> ids = Arrays.stream(ErrorCode.values()).map(ErrorCode::id).collect(Collectors.toSet());
    Set<String> orphans = new TreeSet<>(bundled.explainedIds());
    orphans.removeAll(ids);
    assertTrue(orphans.isEmpty(), "explanations for codes that do not exist: " + orphans);
  }

  @Test
  void codeIds_areUnique() {
    assertEquals(ErrorCode.values().length,
        Arrays.stream(ErrorCode.values()).map(ErrorCode::id).distinct().count());
  }

  @Test
  void lookup_isCaseInsensitive_andUnknownIsEmpty() {
    assertEquals(ErrorCode.INTERNAL, ErrorExplanations.code("stc-e999").orElseThrow());
    assertTrue(ErrorExplanations.code("STC-E998").isEmpty());
  }

  @Test
  void aBlockWithoutFix_isRejected() {
    ErrorExplanations e = ErrorExplanations.parse("STC-E001\ncause: x\n");
    assertThrows(IllegalArgumentException.class, () -> e.of(ErrorCode.CONFIG_INVALID));
  }
}
