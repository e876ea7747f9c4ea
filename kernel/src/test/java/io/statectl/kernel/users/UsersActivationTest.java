package io.statectl.kernel.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statectl.kernel.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real account files in a temporary root, edited the way useradd would. */
class UsersActivationTest {
  @TempDir Path root;
  @TempDir Path state;

  @BeforeEach
  void baseSystem() throws Exception {
    Path etc = Files.createDirectories(root.resolve("etc"));
    Files.writeString(etc.resolve("passwd"), "root:x:0:0:root:/root:/bin/bash\n"
        + "daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n");
    Files.writeString(etc.resolve("group"), "root:x:0:\ndaemon:x:1:\nusers:x:100:\nnogroup:x:65534:\n");
    Files.writeString(etc.resolve("shadow"), "root:*:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n"
        + "nobody:*:19000:0:99999:7:::\n");
    Files.writeString(etc.resolve("gshadow"), "root:*::\ndaemon:*::\nusers:*::\nnogroup:*::\n");
  }

  private static UsersSpec.User user(String name, Integer uid, String group, List<String> extra) {
    return new UsersSpec.User(name, Optional.ofNullable(uid), group, extra, Optional.empty(), true, "/bin/bash",
        false, "", Optional.empty());
  }

  private UsersActivation activation() {
    return new UsersActivation(root, state);
  }

  private String etc(String f) throws Exception {
    return Files.readString(root.resolve("etc").resolve(f));
  }

  private static void contains(String text, String... parts) {
    for (String p : parts) {
      assertTrue(text.contains(p), () -> "expected " + p + " in:\n" + text);
    }
  }

  private static void lacks(String text, String part) {
    assertFalse(text.contains(part), () -> "did not expect " + part + " in:\n" + text);
  }

  @Test
  void declaredUsersAndGroupsAreWrittenWithStableIdsAndAGoneUsersHomeIsKept() throws Exception {
    UsersSpec one = new UsersSpec(true, List.of(user("alice", 1500, "users", List.of("devs")),
        user("bob", null, "devs", List.of())), List.of(new UsersSpec.Group("devs", Optional.empty(), List.of())));
    List<String> lines = activation().apply(one);
    assertTrue(lines.containsAll(List.of("added user alice (uid 1500)", "added user bob (uid 1000)",
        "added group devs (gid 1000)")), lines::toString);
    contains(etc("passwd"), "alice:x:1500:100::/home/alice:/bin/bash\n", "bob:x:1000:1000::/home/bob:/bin/bash\n");
    assertTrue(etc("passwd").startsWith("root:x:0:0:"));
    contains(etc("group"), "devs:x:1000:alice\n");
    contains(etc("shadow"), "alice:!:", "root:*:19000");
    contains(etc("gshadow"), "devs:!::alice\n");
    lacks(etc("passwd-"), "alice");
    assertTrue(Files.isDirectory(root.resolve("home/alice")));
    assertFalse(Files.exists(root.resolve("etc/passwd.lock")));

    // bob goes: removed from passwd and shadow, his home kept
    activation().apply(new UsersSpec(true, List.of(one.users().get(0)), one.groups()));
    lacks(etc("passwd"), "bob:");
    lacks(etc("shadow"), "bob:");
    assertTrue(Files.isDirectory(root.resolve("home/bob")));
    // carol takes a new uid; bob, declared again, gets his old uid back (it owns his kept home)
    activation().apply(new UsersSpec(true, List.of(one.users().get(0), user("carol", null, "users", List.of())),
        one.groups()));
    contains(etc("passwd"), "carol:x:1001:");
    activation().apply(one);
    contains(etc("passwd"), "bob:x:1000:");
    lacks(etc("passwd"), "carol:");
    contains(Files.readString(state.resolve(IdMap.FILE)), "uid bob 1000", "uid carol 1001");
  }

  @Test
  void immutableUsersRemoveHandMadeHumanAccountsButKeepTheBaseSystem() throws Exception {
    Files.writeString(root.resolve("etc/passwd"), "dave:x:1200:100::/home/dave:/bin/sh\n",
        java.nio.file.StandardOpenOption.APPEND);
    activation().apply(new UsersSpec(true, List.of(user("alice", null, "users", List.of())), List.of()));
    contains(etc("passwd"), "dave:");
    activation().apply(new UsersSpec(false, List.of(user("alice", null, "users", List.of())), List.of()));
    lacks(etc("passwd"), "dave:");
    contains(etc("passwd"), "root:", "daemon:", "nobody:", "alice:");
  }

  @Test
  void aUidClashBetweenTwoUsersWritesNothing() throws Exception {
    String before = etc("passwd");
    UsersException e = assertThrows(UsersException.class, () -> activation().apply(new UsersSpec(true,
        List.of(user("alice", 1500, "users", List.of()), user("bob", 1500, "users", List.of())), List.of())));
    contains(e.getMessage(), "bob is declared with id 1500, which user alice");
    assertEquals(ErrorCode.USERS_ID_CLASH, e.code());
    assertEquals(before, etc("passwd"));
    assertFalse(Files.exists(root.resolve("etc/passwd-")));
    assertFalse(Files.exists(state.resolve(IdMap.FILE)));
    assertFalse(Files.exists(root.resolve("etc/.pwd.lock")), "refused before any lock was taken");
  }

  @Test
  void rootRedefinedWithAnotherUidWritesNothing() throws Exception {
    String before = etc("passwd");
    UsersException e = assertThrows(UsersException.class, () -> activation().apply(new UsersSpec(true,
        List.of(user("root", 5, "root", List.of())), List.of())));
    contains(e.getMessage(), "root is always 0");
    assertEquals(before, etc("passwd"));
  }

  @Test
  void anUnknownGroupWritesNothing() throws Exception {
    UsersException e = assertThrows(UsersException.class, () -> activation().apply(new UsersSpec(true,
        List.of(user("alice", null, "wheel", List.of())), List.of())));
    assertEquals(ErrorCode.USERS_GROUP_UNKNOWN, e.code());
    lacks(etc("passwd"), "alice");
  }

  @Test
  void aLiveLockFileRefusesAndAStaleOneIsTakenOver() throws Exception {
    Files.writeString(root.resolve("etc/shadow.lock"), "999999999");
    activation().apply(new UsersSpec(true, List.of(user("alice", null, "users", List.of())), List.of()));
    contains(etc("passwd"), "alice:");
    Files.writeString(root.resolve("etc/shadow.lock"), String.valueOf(ProcessHandle.current().pid()));
    UsersException e = assertThrows(UsersException.class, () -> activation().apply(new UsersSpec(true, List.of(),
        List.of())));
    assertEquals(ErrorCode.USERS_LOCKED, e.code());
    assertFalse(Files.exists(root.resolve("etc/passwd.lock")));
  }

  @Test
  void theSpecRoundTrips() {
    UsersSpec s = new UsersSpec(false, List.of(new UsersSpec.User("svc", Optional.of(450), "svc", List.of("a", "b"),
        Optional.of("/var/lib/svc"), false, "/usr/sbin/nologin", true, "The service", Optional.of("/run/pw"))),
        List.of(new UsersSpec.Group("svc", Optional.empty(), List.of("x"))));
    assertEquals(s, UsersSpec.parse(s.render()));
  }
}
