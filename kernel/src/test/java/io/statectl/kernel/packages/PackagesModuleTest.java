package io.statectl.kernel.packages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statectl.api.Platform;
import io.statectl.kernel.config.DirectoryConfigFileSystem;
import io.statectl.kernel.eval.Evaluation;
import io.statectl.kernel.eval.Evaluator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackagesModuleTest {
  @TempDir Path repo;

  private void write(String file, String text) throws IOException {
    Path p = repo.resolve(file);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  private Evaluation eval(String host) {
    return new Evaluator(List::of).evaluate(new DirectoryConfigFileSystem(repo), host, Optional.of(Platform.X86_64_LINUX));
  }

  @Test
  void aHostAddsAPatchWithOneTable() throws IOException {
    write("modules/pkgs.toml", """
        [packages.hello]
        version = "1.0"
        patches = ["../patches/a.patch"]
        build = "touch $out"
        """);
    write("patches/a.patch", "a");
    write("patches/b.patch", "b");
    write("hosts/plain.toml", "imports = [\"../modules/pkgs.toml\"]\n");
    write("hosts/patched.toml", """
        imports = ["../modules/pkgs.toml"]

        [packages.hello]
        patches = ["../patches/b.patch"]
        """);
    PackageSpec plain = PackageSet.of(((Evaluation.Success) eval("plain")).config()).get("hello").orElseThrow();
    PackageSpec patched = PackageSet.of(((Evaluation.Success) eval("patched")).config()).get("hello").orElseThrow();
    assertEquals(List.of("patches/a.patch"), plain.patches());
    assertEquals(List.of("patches/a.patch", "patches/b.patch"), patched.patches());
    assertEquals("hello-1.0", patched.storeName());
  }

  @Test
  void unknownBuildInputsAndCyclesAreProblemsWithLocations() throws IOException {
    write("hosts/h.toml", """
        [packages.a]
        buildInputs = ["b"]

        [packages.b]
        buildInputs = ["a", "hellp"]

        [packages.hello]
        url = "https://example.org/x.tar.gz"
        """);
    Evaluation.Failure f = assertInstanceOf(Evaluation.Failure.class, eval("h"));
    String all = f.problems().toString();
    assertTrue(all.contains("no package 'hellp'") && all.contains("did you mean 'hello'"), all);
    assertTrue(all.contains("cycle"), all);
    assertTrue(all.contains("url needs sha256"), all);
  }
}
