package io.statectl.plugins.darwin;

import static io.statectl.plugins.darwin.Configs.bool;
import static io.statectl.plugins.darwin.Configs.integer;
import static io.statectl.plugins.darwin.Configs.list;
import static io.statectl.plugins.darwin.Configs.real;
import static io.statectl.plugins.darwin.Configs.str;
import static io.statectl.plugins.darwin.Configs.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statectl.api.config.ConfigValue;
import io.statectl.api.module.ConfigProblem;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DefaultsValueTest {
  final List<ConfigProblem> problems = new ArrayList<>();

  List<String> render(ConfigValue v) {
    return DefaultsValue.of("darwin.defaults.d.k", v, problems).orElseThrow(() -> new AssertionError(problems)).arguments();
  }

  @Test
  void scalars_takeTheirTypeFlag() {
    assertEquals(List.of("-bool", "true"), render(bool(true)));
    assertEquals(List.of("-bool", "false"), render(bool(false)));
    assertEquals(List.of("-int", "-42"), render(integer(-42)));
    assertEquals(List.of("-float", "0.5"), render(real(0.5)));
    assertEquals(List.of("-float", "10000000000"), render(real(1e10)));
    assertEquals(List.of("-string", "left"), render(str("left")));
    assertTrue(problems.isEmpty());
  }

  @Test
  void listOfStrings_isAnArray_andATable_aDict() {
    assertEquals(List.of("-array", "a", "b c"), render(list(str("a"), str("b c"))));
    assertEquals(List.of("-array"), render(list()));
    assertEquals(List.of("-dict", "k1", "v1", "k2", "v2"), render(table(1, "k1", str("v1"), "k2", str("v2"))));
  }

  @Test
  void state_quotesWhereNeeded_soDifferentValuesNeverLookAlike() {
    assertEquals("-bool true", DefaultsValue.of("o", bool(true), problems).orElseThrow().state());
    assertEquals("-string 'it'\\''s here'", DefaultsValue.of("o", str("it's here"), problems).orElseThrow().state());
    assertEquals("-string ''", DefaultsValue.of("o", str(""), problems).orElseThrow().state());
    assertNotEquals(DefaultsValue.of("o", list(str("a b")), problems).orElseThrow().state(),
        DefaultsValue.of("o", list(str("a"), str("b")), problems).orElseThrow().state());
  }

  @Test
  void arrayOfNonStrings_isAProblemAtTheElement() {
    var bad = integer(2);
    assertTrue(DefaultsValue.of("darwin.defaults.d.k", list(str("a"), bad), problems).isEmpty());
    assertEquals(1, problems.size());
    assertEquals(bad.location(), problems.get(0).location());
    assertTrue(problems.get(0).message().contains("-array takes strings only, got an int"), problems.get(0).message());
    assertTrue(problems.get(0).hint().contains("\"2\""), problems.get(0).hint());
  }

  @Test
  void nestedTableOrList_inADict_isAProblem() {
    var nested = table(7, "x", str("y"));
    assertTrue(DefaultsValue.of("darwin.defaults.d.k", table(6, "inner", nested, "list", list(str("a"))), problems).isEmpty());
    assertEquals(2, problems.size(), problems.toString());
    assertEquals(nested.location(), problems.get(0).location());
    assertTrue(problems.get(0).message().startsWith("darwin.defaults.d.k.inner: defaults write -dict takes a flat table"),
        problems.get(0).message());
    assertTrue(problems.get(0).message().contains("nested tables are not supported"), problems.get(0).message());
  }

  @Test
  void nonFiniteFloat_isAProblem() {
    assertTrue(DefaultsValue.of("o", real(Double.POSITIVE_INFINITY), problems).isEmpty());
    assertEquals(1, problems.size());
  }
}
