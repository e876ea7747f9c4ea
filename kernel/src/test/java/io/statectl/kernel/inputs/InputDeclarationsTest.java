package io.statectl.kernel.inputs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statectl.kernel.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** inputs.<name> tables of statectl.toml: git (ref defaults to HEAD) or path; every bad table located. */
class InputDeclarationsTest {
  @TempDir Path dir;

  @Test
  void gitAndPathInputsAreRead() throws Exception {
    Files.writeString(dir.resolve("statectl.toml"), "[inputs]\nshared = { git = \"file:///srv/s.git\", ref = \"v2\" }\n"
        + "local = { path = \"../local\" }\nhead = { git = \"file:///srv/h.git\" }\n");
    Map<String, InputDeclaration> d = InputDeclarations.read(dir);
    assertEquals(List.of("head", "local", "shared"), List.copyOf(d.keySet()));
    assertEquals(new InputSource.Git("file:///srv/s.git", "v2"), d.get("shared").source());
    assertEquals(new InputSource.Git("file:///srv/h.git", "HEAD"), d.get("head").source());
    assertEquals(new InputSource.Local("../local"), d.get("local").source());
    assertEquals(4, d.get("head").at().line());
  }

  @Test
  void noFileOrNoInputsDeclaresNone() throws Exception {
    assertTrue(InputDeclarations.read(dir).isEmpty());
    Files.writeString(dir.resolve("statectl.toml"), "[deploy]\nx = 1\n");
    assertTrue(InputDeclarations.read(dir).isEmpty());
  }

  @Test
  void badTablesAreLocatedErrorsWithAHint() throws Exception {
    assertInvalid("[inputs.shared]\nurl = \"file:///x\"\n", "statectl.toml:2:1: unknown key 'url' in inputs.shared "
        + "(did you mean 'git'?)");
    assertInvalid("[inputs.shared]\ngit = \"file:///x\"\nbrnch = \"main\"\n", "(did you mean 'ref'?)");
    assertInvalid("[inputs.shared]\ngit = \"file:///x\"\npath = \"../x\"\n", "has both git and path");
    assertInvalid("[inputs.shared]\nref = \"main\"\n", "has neither git nor path");
    assertInvalid("[inputs.shared]\ngit = 3\n", "inputs.shared.git must be a string");
    assertInvalid("[inputs]\nshared = \"file:///x\"\n", "inputs.shared must be a table");
    assertInvalid("[inputs.\"a b\"]\ngit = \"file:///x\"\n", "'a b' is not a valid input name");
    assertInvalid("[inputs.shared]\npath = \"../x\"\nref = \"main\"\n", "ref is given for a path input");
  }

  private void assertInvalid(String toml, String expected) throws Exception {
    Files.writeString(dir.resolve("statectl.toml"), toml);
    InputException e = assertThrows(InputException.class, () -> InputDeclarations.read(dir));
    assertEquals(ErrorCode.INPUT_DECLARATION_INVALID, e.code());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    assertTrue(e.getMessage().contains("\n  hint: "), e.getMessage());
  }
}
