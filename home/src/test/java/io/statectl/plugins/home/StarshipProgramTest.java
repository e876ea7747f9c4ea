package io.statectl.plugins.home;

import static io.statectl.plugins.home.Configs.bool;
import static io.statectl.plugins.home.Configs.context;
import static io.statectl.plugins.home.Configs.floating;
import static io.statectl.plugins.home.Configs.integer;
import static io.statectl.plugins.home.Configs.list;
import static io.statectl.plugins.home.Configs.problems;
import static io.statectl.plugins.home.Configs.str;
import static io.statectl.plugins.home.Configs.strings;
import static io.statectl.plugins.home.Configs.table;
import static io.statectl.plugins.home.Configs.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statectl.api.config.ConfigBool;
import io.statectl.api.config.ConfigFloat;
import io.statectl.api.config.ConfigInt;
import io.statectl.api.config.ConfigList;
import io.statectl.api.config.ConfigString;
import io.statectl.api.config.ConfigTable;
import io.statectl.api.config.ConfigValue;
import io.statectl.api.module.ModuleContribution;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

class StarshipProgramTest {

  @Test
  void settings_areWrittenAsToml_thatParsesBackToTheSameValues() {
    ConfigTable settings = table(
        "add_newline", bool(false),
        "format", str("$directory$git_branch\\n$character \"quoted\" \ttab \u0001ctl"),
        "scan_timeout", integer(30),
        "ratio", floating(1.5),
        "tiny", floating(1.0e-7),
        "palette", strings("red", "green"),
        "mixed", list(integer(1), str("two"), table("three", integer(3))),
        "character", table("success_symbol", str("[>](bold green)"), "error_symbol", str("[x](bold red)")),
        "git_status", table("format", str("x"), "nested", table("deep", table("value", bool(true)))),
        "only_tables", table("inner", table("k", str("v"))),
        "empty", table(),
        "key with space", table("\"quoted\" key", str("v")));
    ModuleContribution c = new StarshipProgram().contribute(context(table("enable", bool(true), "settings", settings)));
    assertTrue(c.problems().isEmpty(), problems(c));
    String toml = texts(c).get(StarshipProgram.CONFIG_FILE);
    TomlParseResult parsed = Toml.parse(toml);
    assertFalse(parsed.hasErrors(), parsed.errors() + "\n" + toml);
    assertEquals(plain(settings), plain(parsed), toml);
    assertTrue(toml.contains("[git_status.nested.deep]\nvalue = true\n"), toml);
    assertFalse(toml.contains("[only_tables]\n"), "a table holding only tables needs no header:\n" + toml);
  }

  @Test
  void settingsThatAreNotATable_areAProblem() {
    ConfigValue s = str("add_newline = false");
    ModuleContribution c = new StarshipProgram().contribute(context(table("enable", bool(true), "settings", s)));
    assertEquals(1, c.problems().size(), problems(c));
    assertEquals(s.location(), c.problems().get(0).location());
  }

  /** Configuration values as plain Java values, for comparing with what tomlj read. */
  private static Object plain(ConfigValue v) {
    if (v instanceof ConfigTable t) {
      Map<String, Object> m = new TreeMap<>();
      t.entries().forEach((k, x) -> m.put(k, plain(x)));
      return m;
    } else if (v instanceof ConfigList l) {
      return l.items().stream().map(StarshipProgramTest::plain).toList();
    } else if (v instanceof ConfigString s) {
      return s.value();
    } else if (v instanceof ConfigInt i) {
      return i.value();
    } else if (v instanceof ConfigFloat f) {
      return f.value();
    }
    return ((ConfigBool) v).value();
  }

  private static Object plain(Object toml) {
    if (toml instanceof TomlTable t) {
      Map<String, Object> m = new TreeMap<>();
      for (String k : t.keySet()) {
        m.put(k, plain(t.get(List.of(k))));
      }
      return m;
    } else if (toml instanceof TomlArray a) {
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < a.size(); i++) {
        out.add(plain(a.get(i)));
      }
      return out;
    }
    return toml;
  }
}
