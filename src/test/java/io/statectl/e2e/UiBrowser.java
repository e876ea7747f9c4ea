package io.statectl.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * {@code statectl ui} started as its own process on a free loopback port, and a real headless
 * Chromium (through ChromeDriver) with a temp profile to look at it. Closing stops both.
 */
final class UiBrowser implements AutoCloseable {
  final Process ui;
  final String url;
  final String base;
  final String token;
  private ChromeDriver browser;
  private final Path tmp;

  /** Skips (or under CI=true fails with the install command) when Chromium or ChromeDriver is missing. */
  static void need(String tool) {
    boolean present = Files.isExecutable(Path.of("/usr/bin", tool));
    if (!present && "true".equals(System.getenv("CI"))) {
      throw new AssertionError(tool + " is missing: apt-get install -y --no-install-recommends chromium chromium-driver");
    }
    assumeTrue(present, tool + " is not installed");
  }

  UiBrowser(Statectl statectl, Path tmp) throws IOException {
    need("chromium");
    need("chromedriver");
    this.tmp = tmp;
    ui = new ProcessBuilder(Statectl.APP.resolve("bin/statectl").toString(), "ui", "--listen", "127.0.0.1:0",
        "--state-dir", statectl.stateDir().toString()).redirectError(tmp.resolve("ui.err").toFile()).start();
    String line = new BufferedReader(new InputStreamReader(ui.getInputStream(), StandardCharsets.UTF_8)).readLine();
    if (line == null || !line.startsWith("statectl ui: http://127.0.0.1:")) {
      ui.destroy();
      throw new AssertionError(line + Files.readString(tmp.resolve("ui.err")));
    }
    url = line.substring("statectl ui: ".length());
    base = url.substring(0, url.indexOf("/?token="));
    token = url.substring(url.indexOf("token=") + 6);
  }

  /** {@code base + path} with the token ({@code path} may already have a query). */
  String page(String path) {
    return base + path + (path.contains("?") ? "&" : "?") + "token=" + token;
  }

  ChromeDriver browser() {
    if (browser == null) {
      ChromeOptions options = new ChromeOptions();
      options.setBinary("/usr/bin/chromium");
      options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--user-data-dir=" + tmp.resolve("chrome"),
          "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
          "--window-size=1280,900");
      ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver"))
          .usingAnyFreePort().build();
      browser = new ChromeDriver(service, options);
    }
    return browser;
  }

  /** Saves a screenshot of the current page as {@code target/screenshots/NAME.png}. */
  void shot(String name) throws IOException {
    Path dir = Files.createDirectories(Path.of("target/screenshots").toAbsolutePath());
    Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) browser()).getScreenshotAs(OutputType.BYTES));
  }

  @Override
  public void close() throws Exception {
    try {
      if (browser != null) {
        browser.quit();
      }
    } finally {
      ui.destroy();
      ui.waitFor();
      assertTrue(!ui.isAlive());
    }
  }
}
