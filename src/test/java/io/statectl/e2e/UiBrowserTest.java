package io.statectl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** {@code statectl ui} in headless Chromium (Selenium): timeline, a generation, a diff, the log filter, refusals. */
class UiBrowserTest {
  @TempDir Path tmp;

  private static void need(String tool) {
    boolean present = Files.isExecutable(Path.of("/usr/bin", tool));
    if (!present && "true".equals(System.getenv("CI"))) {
      throw new AssertionError(tool + " is missing: apt-get install -y --no-install-recommends chromium chromium-driver");
    }
    assumeTrue(present, tool + " is not installed");
  }

  @Test
  void timeline_generation_diff_andEventFilter_inARealBrowser() throws Exception {
    need("chromium");
    need("chromedriver");
    Statectl statectl = new Statectl(tmp.resolve("state"));
    Path home = Files.createDirectories(tmp.resolve("home"));
    String config = Statectl.REPO.resolve("examples/basic").toString();
    for (String host : List.of("desktop", "laptop", "desktop", "laptop", "desktop")) {
      statectl.run("apply", "--config", config, "--host", host, "--home", home.toString()).ok();
    }
    Process ui = new ProcessBuilder(Statectl.APP.resolve("bin/statectl").toString(), "ui", "--listen", "127.0.0.1:0",
        "--state-dir", statectl.stateDir().toString()).redirectError(tmp.resolve("ui.err").toFile()).start();
    Path shots = Path.of("target/screenshots").toAbsolutePath();
    Files.createDirectories(shots);
    ChromeDriver browser = null;
    try {
      String url = new BufferedReader(new InputStreamReader(ui.getInputStream(), StandardCharsets.UTF_8)).readLine();
      assertTrue(url != null && url.startsWith("statectl ui: http://127.0.0.1:"), String.valueOf(url) + Files.readString(tmp.resolve("ui.err")));
      url = url.substring("statectl ui: ".length());
      String base = url.substring(0, url.indexOf("/?token="));
      String token = url.substring(url.indexOf("token=") + 6);

      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(base + "/")).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(403, refused.statusCode());
      HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(URI.create(base + "/?token=nope")).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(403, wrong.statusCode());

      ChromeOptions options = new ChromeOptions();
      options.setBinary("/usr/bin/chromium");
      options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--user-data-dir=" + tmp.resolve("chrome"),
          "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
          "--window-size=1280,900");
      ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver"))
          .usingAnyFreePort().build();
      browser = new ChromeDriver(service, options);

      browser.get(url);
      List<WebElement> rows = browser.findElements(By.cssSelector("tr.generation"));
      assertEquals(5, rows.size(), browser.getPageSource());
      assertEquals(1, browser.findElements(By.cssSelector(".active")).size(), "one active mark");
      shot(browser, shots, "timeline");

      browser.findElement(By.cssSelector("tr.generation[data-number='2'] a.diff")).click();
      String diff = browser.findElement(By.id("diff")).getText();
      assertTrue(browser.getTitle().contains("Diff 1 → 2"), browser.getTitle());
      assertTrue(diff.contains("battery") || diff.contains("where.txt"), diff);
      shot(browser, shots, "diff");

      browser.get(base + "/generation/3?token=" + token);
      String gen = browser.findElement(By.id("generation")).getText();
      assertTrue(gen.contains("closure"), gen);
      shot(browser, shots, "generation");

      browser.get(base + "/events?token=" + token);
      int allEvents = browser.findElements(By.cssSelector("tr.event")).size();
      browser.findElement(By.id("type")).sendKeys("GenerationActivated");
      browser.findElement(By.cssSelector("form button")).click();
      List<WebElement> activated = browser.findElements(By.cssSelector("tr.event"));
      assertEquals(5, activated.size(), browser.getPageSource());
      assertTrue(allEvents > activated.size());
      browser.findElement(By.id("quick")).sendKeys("zzz-no-such");
      assertEquals(0, browser.findElements(By.cssSelector("tr.event")).stream().filter(WebElement::isDisplayed).count());
      shot(browser, shots, "events");

      browser.get(base + "/generation/99?token=" + token);
      assertTrue(browser.getPageSource().contains("There is no generation 99"), browser.getPageSource());
      shot(browser, shots, "missing-generation");
      HttpResponse<String> missing = http.send(HttpRequest.newBuilder(URI.create(base + "/generation/99?token=" + token)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(404, missing.statusCode());
    } finally {
      if (browser != null) {
        browser.quit();
      }
      ui.destroy();
      ui.waitFor();
    }
  }

  @Test
  void ui_onAllAddresses_withoutAllowRemote_isRefusedWithWhy() {
    Statectl.Result r = new Statectl(tmp.resolve("state")).run("ui", "--listen", "0.0.0.0:0");
    assertEquals(2, r.exit(), r.toString());
    assertTrue(r.err().contains("error[STC-E221]: refusing to listen on 0.0.0.0:0"), r.err());
    assertTrue(r.err().contains("--allow-remote"), r.err());
  }

  private static void shot(ChromeDriver browser, Path dir, String name) throws IOException {
    Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
  }
}
