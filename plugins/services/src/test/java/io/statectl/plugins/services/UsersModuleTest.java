package io.statectl.plugins.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statectl.api.activation.FileContent;
import io.statectl.api.activation.RootFile;
import io.statectl.api.module.ConfigProblem;
import io.statectl.api.module.ModuleContribution;
import java.util.List;
import org.junit.jupiter.api.Test;

class UsersModuleTest {
  @Test
  void usersAndGroups_becomeTheSpecFileOfTheGeneration() {
    ModuleContribution c = Configs.linux(new UsersModule(), """
        [users]
        mutable = false
        [users.groups.devs]
        gid = 2000
        [users.users.alice]
        uid = 1001
        extraGroups = ["devs"]
        description = "Alice"
        [users.users.svc]
        isSystemUser = true
        shell = "/usr/sbin/nologin"
        createHome = false
        """);
    assertEquals(List.of(), c.problems());
    RootFile spec = (RootFile) c.entries().get(0);
    assertEquals(UsersModule.SPEC, spec.target());
    assertEquals("""
        # statectl declared accounts, read at activation
        mutable\tfalse
        group\tdevs\t2000\t-
        user\talice\t1001\tusers\tdevs\t-\ttrue\t/bin/bash\tfalse\tAlice\t-
        user\tsvc\t-\tusers\t-\t-\tfalse\t/usr/sbin/nologin\ttrue\t-\t-
        """, ((FileContent.Text) spec.content()).text());
  }

  @Test
  void aUidClash_andRootWithAnotherUid_areLocatedErrors() {
    ModuleContribution c = Configs.linux(new UsersModule(), """
        [users.users.alice]
        uid = 1001
        [users.users.bob]
        uid = 1001
        [users.users.root]
        uid = 7
        """);
    assertEquals(List.of(), c.entries());
    List<ConfigProblem> p = c.problems();
    assertEquals(2, p.size(), p::toString);
    assertEquals("users.users.bob.uid = 1001 is also users.users.alice's", p.get(0).message());
    assertEquals(4, p.get(0).location().line());
    assertEquals("users.users.root.uid = 7: root is always 0", p.get(1).message());
    assertEquals(6, p.get(1).location().line());
    assertTrue(p.get(0).location().file().endsWith("box.toml"));
  }

  @Test
  void nothingDeclared_contributesNothing() {
    assertEquals(ModuleContribution.empty(), Configs.linux(new UsersModule(), "[users]\nmutable = true\n"));
  }
}
