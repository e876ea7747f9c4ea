package io.statectl.plugins.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statectl.api.activation.FileContent;
import io.statectl.api.activation.ManagedSetting;
import io.statectl.api.activation.RootFile;
import io.statectl.api.module.ModuleContribution;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EtcModuleTest {
  @TempDir
  Path root;

  @Test
  void etcFiles_areRootFiles_orCopiesWithAMode() throws Exception {
    ModuleContribution c = Configs.linux(new EtcModule(), """
        [environment.etc."app/app.conf"]
        text = "port = 8080\\n"
        [environment.etc."motd"]
        source = "../files/motd"
        [environment.etc."app/secret.conf"]
        text = "token = 'x' $HOME\\n"
        mode = "0600"
        """);
    assertEquals(List.of(), c.problems());
    assertEquals(new RootFile("etc/app/app.conf", new FileContent.Text("port = 8080\n"),
        io.statectl.api.activation.FileMode.REGULAR, ((RootFile) c.entries().get(0)).definedAt()), c.entries().get(0));
    assertEquals(new FileContent.RepositoryFile("../files/motd"), ((RootFile) c.entries().get(1)).content());
    ManagedSetting copy = (ManagedSetting) c.entries().get(2);
    assertEquals("etc:app/secret.conf", copy.id());

    // run the copy's own commands against a temp root, owned by whoever runs the test
    String user = System.getProperty("user.name");
    String group = new String(new ProcessBuilder("id", "-gn").start().getInputStream().readAllBytes()).strip();
    List<String> apply = new ArrayList<>(copy.apply().get(0).stream()
        .map(a -> a.replace("@root@", root.toString())).toList());
    apply.set(apply.size() - 3, user);
    apply.set(apply.size() - 2, group);
    assertEquals(0, new ProcessBuilder(apply).inheritIO().start().waitFor());
    Path file = root.resolve("etc/app/secret.conf");
    assertEquals("token = 'x' $HOME\n", Files.readString(file));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals(List.of("secret.conf"), List.of(new File(root.resolve("etc/app").toString()).list()));
    List<String> revert = copy.revert().get(0).stream().map(a -> a.replace("@root@", root.toString())).toList();
    assertEquals(0, new ProcessBuilder(revert).start().waitFor());
    assertTrue(Files.notExists(file));
  }

  @Test
  void absoluteOrEscapingPaths_andModeWithSource_areLocatedErrors() {
    ModuleContribution c = Configs.linux(new EtcModule(), """
        [environment.etc."/etc/passwd"]
        text = "x"
        [environment.etc."../x"]
        text = "x"
        [environment.etc."a.conf"]
        source = "../files/a"
        mode = "0644"
        [environment.etc."b.conf"]
        mode = "0644"
        """);
    assertEquals(List.of(), c.entries());
    assertEquals(4, c.problems().size(), c.problems().toString());
    assertEquals("environment.etc.\"/etc/passwd\": paths are relative to /etc", c.problems().get(0).message());
    assertEquals("write \"passwd\"", c.problems().get(0).hint());
    assertEquals(1, c.problems().get(0).location().line());
    assertTrue(c.problems().get(1).message().contains("not a plain relative path inside /etc"));
    assertEquals(3, c.problems().get(1).location().line());
    assertTrue(c.problems().get(2).message().contains("a mode (a copied file) needs text"));
    assertTrue(c.problems().get(3).message().contains("needs a text or a source"));
  }
}
