package io.statectl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/** {@code statectl ui} in headless Chromium (Selenium): timeline, a generation, a diff, the log filter, refusals. */
class UiBrowserTest {
  @TempDir Path tmp;

  @Test
  void timeline_generation_diff_andEventFilter_inARealBrowser() throws Exception {
    UiBrowser.need("chromium");
    UiBrowser.need("chromedriver");
    Statectl statectl = new Statectl(tmp.resolve("state"));
    Path home = Files.createDirectories(tmp.resolve("home"));
    String config = Statectl.REPO.resolve("examples/basic").toString();
    for (String host : List.of("desktop", "laptop", "desktop", "laptop", "desktop")) {
      statectl.run("apply", "--config", config, "--host", host, "--home", home.toString()).ok();
    }
    try (UiBrowser ui = new UiBrowser(statectl, tmp)) {
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(ui.base + "/")).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(403, refused.statusCode());
      HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(URI.create(ui.base + "/?token=nope")).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(403, wrong.statusCode());
      HttpResponse<String> headRefused = http.send(HttpRequest.newBuilder(URI.create(ui.base + "/head")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(403, headRefused.statusCode());

      ChromeDriver browser = ui.browser();
      browser.get(ui.url);
      List<WebElement> rows = browser.findElements(By.cssSelector("tr.generation"));
      assertEquals(5, rows.size(), browser.getPageSource());
      assertEquals(1, browser.findElements(By.cssSelector(".active")).size(), "one active mark");
      ui.shot("timeline");

      browser.findElement(By.cssSelector("tr.generation[data-number='2'] a.diff")).click();
      String diff = browser.findElement(By.id("diff")).getText();
      assertTrue(browser.getTitle().contains("Diff 1 → 2"), browser.getTitle());
      assertTrue(diff.contains("battery") || diff.contains("where.txt"), diff);
      ui.shot("diff");

      browser.get(ui.page("/generation/3"));
      String gen = browser.findElement(By.id("generation")).getText();
      assertTrue(gen.contains("closure"), gen);
      ui.shot("generation");

      browser.get(ui.page("/events"));
      int allEvents = browser.findElements(By.cssSelector("tr.event")).size();
      browser.findElement(By.id("type")).sendKeys("GenerationActivated");
      browser.findElement(By.cssSelector("form button")).click();
      List<WebElement> activated = browser.findElements(By.cssSelector("tr.event"));
      assertEquals(5, activated.size(), browser.getPageSource());
      assertTrue(allEvents > activated.size());
      browser.findElement(By.id("quick")).sendKeys("zzz-no-such");
      assertEquals(0, browser.findElements(By.cssSelector("tr.event")).stream().filter(WebElement::isDisplayed).count());
      ui.shot("events");

      browser.get(ui.page("/generation/99"));
      assertTrue(browser.getPageSource().contains("There is no generation 99"), browser.getPageSource());
      ui.shot("missing-generation");
      HttpResponse<String> missing = http.send(HttpRequest.newBuilder(URI.create(ui.page("/generation/99"))).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(404, missing.statusCode());
    }
  }

  /** Packages {@code name → version} in {@code system.packages}, a file, and optionally a package whose build fails. */
  private static void host(Path config, Map<String, String> packages, String greeting, boolean broken) {
    StringBuilder t = new StringBuilder("[system]\npackages = [");
    t.append(String.join(", ", packages.keySet().stream().map(n -> "\"" + n + "\"").toList())).append(broken ? ", \"broken\"" : "")
        .append("]\n");
    packages.forEach((name, version) -> t.append("[packages.").append(name).append("]\nversion = \"").append(version)
        .append("\"\nbuild = \'\'\'\nmkdir -p $out/bin\nprintf \'").append(name).append(" ").append(version)
        .append("\\n\' > $out/bin/").append(name).append("\n\'\'\'\n"));
    if (broken) {
      t.append("[packages.broken]\nversion = \"0.1\"\nbuild = \'\'\'\necho boom-log-line\nexit 3\n\'\'\'\n");
    }
    t.append("[files.\".greet\"]\ntext = \"").append(greeting).append("\"\n");
    Trees.write(config.resolve("hosts/box.toml"), t.toString());
  }

  private static String git(Path dir, String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of("git", "-C", dir.toString(), "-c", "user.name=Test", "-c",
        "user.email=test@example.org"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), String.join(" ", cmd) + "\n" + out);
    return out.trim();
  }

  /**
   * Real applies of a git-tracked configuration with packages (one build failing, one unsandboxed),
   * then every page: the timeline's commit, branch, dirty mark and escaped message; an nvd-like diff
   * of two generations picked on the timeline; the closure tree's sizes against {@code store
   * path-info} and why-depends; the builds page with durations, sandbox and the failed build's log
   * tail; and the timeline growing a row by itself when an apply lands while it is open.
   */
  @Test
  void commits_diffTable_closureTree_builds_andLiveUpdate_fromRealApplies() throws Exception {
    UiBrowser.need("chromium");
    UiBrowser.need("chromedriver");
    Statectl statectl = new Statectl(tmp.resolve("state"));
    Path home = Files.createDirectories(tmp.resolve("home"));
    Path config = tmp.resolve("config");
    String xss = "<script>window.xss=1</script> & \"quotes\"";
    host(config, new java.util.LinkedHashMap<>(Map.of("hello", "1.0", "notes", "0.3")), "hello", false);
    git(config, "init", "-q", "-b", "main");
    git(config, "add", "-A");
    git(config, "commit", "-q", "-m", "first <b>config</b>");
    // system.packages are root files: a directory root of the test's own (with a kernel, so boot entries are written)
    Path root = tmp.resolve("root");
    Trees.write(root.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/bash\n");
    Trees.write(root.resolve("etc/group"), "root:x:0:\nusers:x:100:\n");
    Trees.write(root.resolve("etc/shadow"), "root:*:19000:0:99999:7:::\n");
    Trees.write(root.resolve("boot/vmlinuz-6.1.0-13-amd64"), "kernel");
    Trees.write(root.resolve("boot/initrd.img-6.1.0-13-amd64"), "initrd");
    String[] apply = {"apply", "--config", config.toString(), "--host", "box", "--home", home.toString(), "--root",
        root.toString(), "--platform", "x86_64-linux"};
    statectl.run(concat(apply, "--message", xss)).ok();
    String first = git(config, "rev-parse", "HEAD");

    host(config, new java.util.LinkedHashMap<>(Map.of("hello", "1.1", "tool", "2.0")), "hello world", true);
    git(config, "commit", "-q", "-am", "bump hello, add a broken package");
    assertEquals(10, statectl.run(apply).exit(), "the broken package fails the build");
    host(config, new java.util.LinkedHashMap<>(Map.of("hello", "1.1", "tool", "2.0")), "hello world", false);
    git(config, "commit", "-q", "-am", "bump hello, add tool");
    statectl.run(apply).ok();
    String second = git(config, "rev-parse", "HEAD");
    host(config, new java.util.LinkedHashMap<>(Map.of("hello", "1.1", "tool", "2.1")), "hello world", false);
    statectl.run(concat(apply, "--no-sandbox")).ok(); // dirty: tool 2.1 is not committed

    try (UiBrowser ui = new UiBrowser(statectl, tmp)) {
      ChromeDriver browser = ui.browser();
      browser.get(ui.url);
      assertEquals(3, browser.findElements(By.cssSelector("tr.generation")).size(), browser.getPageSource());
      WebElement g1 = browser.findElement(By.cssSelector("tr.generation[data-number='1']"));
      assertEquals(xss, g1.findElement(By.cssSelector(".message")).getText(), "the message is shown as text");
      assertEquals("first <b>config</b>", g1.findElement(By.cssSelector(".subject")).getText());
      assertEquals(first.substring(0, 7), g1.findElement(By.cssSelector(".commit")).getText());
      assertEquals("main", g1.findElement(By.cssSelector(".branch")).getText());
      assertTrue(g1.findElements(By.cssSelector(".dirty")).isEmpty());
      assertEquals(Boolean.TRUE, browser.executeScript("return window.xss === undefined"), "the message's script did not run");
      WebElement g2 = browser.findElement(By.cssSelector("tr.generation[data-number='2']"));
      assertEquals(second.substring(0, 7), g2.findElement(By.cssSelector(".commit")).getText());
      assertEquals("bump hello, add tool", g2.findElement(By.cssSelector(".subject")).getText());
      WebElement g3 = browser.findElement(By.cssSelector("tr.generation[data-number='3']"));
      assertEquals(1, g3.findElements(By.cssSelector(".dirty")).size(), "generation 3 was applied from a dirty tree");
      assertTrue(browser.findElements(By.cssSelector("tr.event-row[data-type='BootEntriesWritten']")).size() >= 3,
          "each apply's boot entries are on the timeline: " + browser.getPageSource());
      ui.shot("timeline-commits");

      // pick any two: 1 → 3
      browser.findElement(By.cssSelector("tr.generation[data-number='1'] input[name='a']")).click();
      browser.findElement(By.cssSelector("tr.generation[data-number='3'] input[name='b']")).click();
      browser.findElement(By.id("compare")).click();
      await(browser, "tr.package");
      assertTrue(browser.getTitle().contains("Diff 1 → 3"), browser.getTitle());
      WebElement hello = browser.findElement(By.cssSelector("tr.package[data-name='hello']"));
      assertEquals("upgraded", hello.getAttribute("data-change"));
      assertEquals("1.0", hello.findElement(By.cssSelector(".before")).getText());
      assertEquals("1.1", hello.findElement(By.cssSelector(".after")).getText());
      assertEquals("removed", browser.findElement(By.cssSelector("tr.package[data-name='notes']")).getAttribute("data-change"));
      WebElement tool = browser.findElement(By.cssSelector("tr.package[data-name='tool']"));
      assertEquals("added", tool.getAttribute("data-change"));
      assertEquals("2.1", tool.findElement(By.cssSelector(".after")).getText());
      long size1 = closureSize(statectl, 1);
      long size3 = closureSize(statectl, 3);
      assertEquals(String.valueOf(size1), browser.findElement(By.cssSelector("#closure-size .from .size")).getAttribute("data-bytes"));
      assertEquals(String.valueOf(size3), browser.findElement(By.cssSelector("#closure-size .to .size")).getAttribute("data-bytes"));
      assertEquals(String.valueOf(Math.abs(size3 - size1)),
          browser.findElement(By.cssSelector("#closure-size .delta .size")).getAttribute("data-bytes"));
      WebElement greet = browser.findElement(By.cssSelector("tr.file[data-change='changed']"));
      assertTrue(greet.getText().contains(".greet"), greet.getText());
      ui.shot("diff-packages");

      // closure tree of generation 3, its sizes as store path-info has them, and why-depends
      browser.get(ui.page("/closure/3"));
      WebElement treeRoot = browser.findElement(By.cssSelector("#tree > .node"));
      assertEquals(String.valueOf(size3), treeRoot.getAttribute("data-closure"));
      String rootPath = treeRoot.getAttribute("data-path");
      assertTrue(rootPath.endsWith("-statectl-system-box"), rootPath);
      List<WebElement> nodes = browser.findElements(By.cssSelector("#tree .node"));
      WebElement helloNode = nodes.stream().filter(n -> n.getAttribute("data-path").endsWith("-hello-1.1")).findFirst()
          .orElseThrow(() -> new AssertionError(browser.getPageSource()));
      String helloPath = helloNode.getAttribute("data-path");
      JsonNode info = new ObjectMapper().readTree(statectl.run("store", "path-info", helloPath, "--json").ok().out());
      assertEquals(info.path("narSize").asText(), helloNode.getAttribute("data-own"));
      for (WebElement n : nodes.subList(0, Math.min(4, nodes.size()))) {
        JsonNode i = new ObjectMapper().readTree(statectl.run("store", "path-info", n.getAttribute("data-path"), "--json").ok().out());
        assertEquals(i.path("narSize").asText(), n.getAttribute("data-own"), n.getAttribute("data-path"));
      }
      new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("why-path"))).selectByValue(helloPath);
      browser.findElement(By.cssSelector("#why-form button")).click();
      await(browser, "#why li");
      List<WebElement> chain = browser.findElements(By.cssSelector("#why li"));
      assertTrue(chain.size() >= 2, browser.getPageSource());
      assertEquals(rootPath, chain.get(0).getAttribute("data-path"));
      assertEquals(helloPath, chain.get(chain.size() - 1).getAttribute("data-path"));
      ui.shot("closure-tree");

      // builds: durations, sandbox on/off, the failure with its log tail
      browser.get(ui.page("/builds"));
      List<WebElement> failed = browser.findElements(By.cssSelector("tr.build[data-kind='failed']"));
      assertEquals(1, failed.size(), browser.getPageSource());
      assertEquals("broken-0.1.drv", failed.get(0).getAttribute("data-name"));
      assertTrue(browser.findElement(By.cssSelector("pre.tail")).getText().contains("boom-log-line"),
          browser.findElement(By.cssSelector("pre.tail")).getText());
      WebElement unsandboxed = browser.findElement(By.cssSelector("tr.build[data-name='tool-2.1.drv']"));
      assertEquals("built", unsandboxed.getAttribute("data-kind"));
      assertEquals("off", unsandboxed.findElement(By.cssSelector(".unsandboxed")).getText());
      WebElement sandboxed = browser.findElement(By.cssSelector("tr.build[data-name='hello-1.0.drv']"));
      assertEquals("on", sandboxed.findElement(By.cssSelector(".sandbox")).getText());
      assertTrue(sandboxed.findElement(By.cssSelector(".duration")).getText().matches("\\d+\\.\\d s"), sandboxed.getText());
      String summary = browser.findElement(By.id("build-summary")).getText();
      assertTrue(summary.matches("\\d+ built, 0 substituted, \\d+ failed, 1 without the sandbox; .*"), summary);
      ui.shot("builds");
      browser.findElement(By.cssSelector("tr.build[data-kind='failed'] a.log")).click();
      await(browser, "#log");
      assertTrue(browser.findElement(By.id("log")).getText().contains("boom-log-line"), browser.getPageSource());

      // live: an apply while the timeline is open shows up without touching the browser
      browser.get(ui.url);
      assertEquals(3, browser.findElements(By.cssSelector("tr.generation")).size());
      host(config, new java.util.LinkedHashMap<>(Map.of("hello", "1.1", "tool", "2.1")), "live", false);
      statectl.run(concat(apply, "--message", "live one")).ok();
      new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(30))
          .until(d -> d.findElements(By.cssSelector("tr.generation")).size() == 4);
      assertEquals("live one", browser.findElement(By.cssSelector("tr.generation[data-number='4'] .message")).getText());
      ui.shot("timeline-live");
    }
  }

  /** Waits (at most 30 s) for the page a click opened to show {@code css}: a form submit returns before it loads. */
  private static void await(ChromeDriver browser, String css) {
    new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(30))
        .until(d -> !d.findElements(By.cssSelector(css)).isEmpty());
  }

  private static long closureSize(Statectl statectl, int generation) throws Exception {
    return new ObjectMapper().readTree(statectl.run("show-generation", String.valueOf(generation), "--json").ok().out())
        .path("closure").path("narSize").asLong();
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void ui_onAllAddresses_withoutAllowRemote_isRefusedWithWhy() {
    Statectl.Result r = new Statectl(tmp.resolve("state")).run("ui", "--listen", "0.0.0.0:0");
    assertEquals(2, r.exit(), r.toString());
    assertTrue(r.err().contains("error[STC-E221]: refusing to listen on 0.0.0.0:0"), r.err());
    assertTrue(r.err().contains("--allow-remote"), r.err());
  }
}
