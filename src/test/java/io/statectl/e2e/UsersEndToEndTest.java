package io.statectl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * users.* through the assembled statectl under a --root holding a base system's account files:
 * accounts are added, removed by a later generation (home kept) and come back on rollback with
 * the same uid; a clash found only against the root's own accounts is refused with nothing written.
 */
class UsersEndToEndTest {
  @TempDir Path tmp;
  TempMachine machine;
  Path config;
  Path root;
  Statectl statectl;

  @BeforeEach
  void setUp() throws Exception {
    machine = TempMachine.under(tmp);
    config = machine.config();
    root = machine.root();
    statectl = machine.statectl();
    Trees.write(root.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/bash\n"
        + "daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nold:x:1300:100::/home/old:/bin/sh\n");
    Trees.write(root.resolve("etc/group"), "root:x:0:\nusers:x:100:\n");
    Trees.write(root.resolve("etc/shadow"), "root:*:19000:0:99999:7:::\n");
  }

  private Statectl.Result apply(String host) {
    return machine.host(host).apply();
  }

  private String passwd() throws Exception {
    return Files.readString(root.resolve("etc/passwd"));
  }

  @Test
  void accountsFollowTheGenerations_withStableUids_andKeptHomes() throws Exception {
    String one = "[users.groups.devs]\n[users.users.alice]\nuid = 1500\nextraGroups = [\"devs\"]\n";
    Statectl.Result r = apply(one).ok();
    assertTrue(r.err().contains("users: added user alice (uid 1500)"), r.err());
    assertTrue(passwd().contains("alice:x:1500:100::/home/alice:/bin/bash"), passwd());
    assertTrue(Files.readString(root.resolve("etc/group")).contains("devs:x:1000:alice"));
    r = apply(one + "[users.users.bob]\n[users]\nmutable = false\n").ok();
    assertTrue(r.err().contains("users: added user bob (uid 1000)"), r.err());
    assertTrue(r.err().contains("users: removed user old (its home is kept)"), r.err());
    assertTrue(Files.isDirectory(root.resolve("home/bob")));
    r = statectl.run("rollback", "--home", machine.home().toString(), "--root", root.toString()).ok();
    assertTrue(r.err().contains("users: removed user bob (its home is kept)"), r.err());
    assertFalse(passwd().contains("bob:"), passwd());
    assertTrue(Files.isDirectory(root.resolve("home/bob")), "a removed user's home is kept");
    apply(one + "[users.users.bob]\n").ok();
    assertTrue(passwd().contains("bob:x:1000:"), "bob gets his uid back: " + passwd());
  }

  @Test
  void aDeclaredUidHeldByAnAccountOfTheRoot_isRefused_andNothingIsWritten() throws Exception {
    Map<String, String> before = Trees.picture(root);
    Statectl.Result r = apply("[users.users.alice]\nuid = 1300\n[environment.etc.motd]\ntext = \"hi\\n\"\n");
    assertEquals(3, r.exit(), r.toString());
    assertTrue(r.err().contains("STC-E240"), r.err());
    assertTrue(r.err().contains("user alice is declared with id 1300, which user old of the root already has"), r.err());
    assertEquals(before, Trees.picture(root), "root unchanged");
  }
}
