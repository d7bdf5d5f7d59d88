package dcgan4j.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dcgan4j.augment.AdaStatus;
import dcgan4j.data.ImageDataset;
import dcgan4j.data.SyntheticDigits;
import dcgan4j.model.ModelConfig;
import dcgan4j.monitor.RunStatus;
import dcgan4j.monitor.RunStatusFile;
import dcgan4j.run.ModelFiles;
import dcgan4j.run.RunDirectory;
import dcgan4j.train.Trainer;
import dcgan4j.train.config.TrainConfig;
import dcgan4j.train.outputs.MetricsCsv;
import dcgan4j.train.step.StepMetrics;
import java.io.File;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page in a real browser — Debian's headless Chromium through its chromedriver, both named
 * explicitly so that Selenium never downloads one — while a run trains in this process: the run
 * list shows it, a chart gains points without a reload, the slider changes the grid; and the
 * explorer of a run's generator: its grid, a walk that follows the slider, the arithmetic sheet, a
 * refused request. Without the
 * browser the test is skipped, except in CI, where it fails.
 */
class DashboardBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @Test
    void thePageFollowsATrainingRunWithoutReloading(@TempDir Path dir) throws Exception {
        requireBrowser();
        RunDirectory run = RunDirectory.create(dir.resolve("runs/live"));
        var config = TrainConfig.builder()
                .epochs(1000)
                .batchSize(32)
                .sampleEvery(5)
                .sampleCount(16)
                .checkpointEvery(0)
                .keepCheckpoints(1)
                .build();
        try (ImageDataset digits = SyntheticDigits.generate(256, 1);
                var server = DashboardServer.start(
                        new DashboardServer.Settings(List.of(dir.resolve("runs")), "127.0.0.1", 0))) {
            var trainer = Trainer.builder()
                    .data(digits)
                    .model(new ModelConfig(28, 1, 16, 8, 8))
                    .config(config)
                    .run(run)
                    .listener(new RunStatusFile())
                    .build();
            CompletableFuture<Trainer.Result> training = CompletableFuture.supplyAsync(() -> {
                try {
                    return trainer.train();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            WebDriver browser = browser(Files.createDirectory(dir.resolve("profile")));
            try {
                browser.get(server.uri().toString());
                var wait = new WebDriverWait(browser, Duration.ofSeconds(30));
                ((ChromeDriver) browser).executeScript("window.sameDocument = true");
                WebElement state = wait.until(b -> b.findElement(By.cssSelector("tr[data-run='0/live'] .state")));
                assertThat(state.getText()).isEqualTo("running");

                int before = wait.until(b -> points(b) > 0 ? points(b) : null);
                wait.until(b -> points(b) > before);
                assertThat(((ChromeDriver) browser).executeScript("return window.sameDocument"))
                        .isEqualTo(true);

                WebElement slider = browser.findElement(By.id("grid-slider"));
                wait.until(b -> Integer.parseInt(slider.getAttribute("max")) >= 2);
                String newest = browser.findElement(By.id("grid-image")).getAttribute("src");
                slider.sendKeys(Keys.HOME);
                wait.until(b ->
                        b.findElement(By.id("grid-image")).getAttribute("src").endsWith("/fake_samples_step_5.png"));
                assertThat(newest).doesNotEndWith("/fake_samples_step_5.png");

                File shot = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE);
                Files.copy(
                        shot.toPath(),
                        Files.createDirectories(Path.of("target")).resolve("dashboard-browser.png"),
                        StandardCopyOption.REPLACE_EXISTING);
            } finally {
                browser.quit();
                trainer.requestStop();
            }
            assertThat(training.get().completed()).isFalse();
            assertThat(RunStatus.read(run.status()).state()).isEqualTo(RunStatus.State.STOPPED);
        }
    }

    @Test
    void anAdaRunGetsAChartOfPAndRtThatFollowsItsMetricsAndOtherRunsNone(@TempDir Path dir) throws Exception {
        requireBrowser();
        var m = new StepMetrics(1.0, 2.0, 0.7, 0.3, 0.2);
        Path plain = Files.createDirectories(dir.resolve("runs/plain"));
        try (var csv = MetricsCsv.create(plain.resolve(RunDirectory.METRICS_FILE))) {
            csv.append(1, 1, m, null);
            csv.append(2, 1, m, null);
        }
        Path ada = Files.createDirectories(dir.resolve("runs/ada"));
        Files.writeString(ada.resolve("config.yaml"), "augment: ada\nada-target: 0.6\n");
        try (var csv = MetricsCsv.create(ada.resolve(RunDirectory.METRICS_FILE), true);
                var server = DashboardServer.start(
                        new DashboardServer.Settings(List.of(dir.resolve("runs")), "127.0.0.1", 0))) {
            for (long step = 1; step <= 3; step++) {
                csv.append(step, 1, m, null, new AdaStatus(0.1 * step, 0.7));
            }
            ChromeDriver browser = (ChromeDriver) browser(Files.createDirectory(dir.resolve("profile")));
            try {
                browser.get(server.uri() + "#runs=plain");
                var wait = new WebDriverWait(browser, Duration.ofSeconds(30));
                wait.until(b -> points(b) == 2);
                assertThat(browser.findElement(By.id("chart-ada")).isDisplayed())
                        .isFalse();

                browser.findElement(By.cssSelector("tr[data-run='0/ada'] input"))
                        .click();
                WebElement chart = wait.until(b ->
                        b.findElement(By.id("chart-ada")).isDisplayed() ? b.findElement(By.id("chart-ada")) : null);
                wait.until(b -> "3".equals(chart.getAttribute("data-points")));
                assertThat(chart.findElements(By.cssSelector(".u-legend .u-series")))
                        .extracting(WebElement::getText)
                        .containsExactly("step--", "p--", "r_t--"); // the ADA run's only: no name needed

                csv.append(4, 1, m, null, new AdaStatus(0.4, 0.65)); // live, without a reload
                wait.until(b -> "4".equals(b.findElement(By.id("chart-ada")).getAttribute("data-points")));
                Files.copy(
                        browser.findElement(By.id("chart-ada"))
                                .getScreenshotAs(OutputType.FILE)
                                .toPath(),
                        Files.createDirectories(Path.of("target")).resolve("dashboard-ada-browser.png"),
                        StandardCopyOption.REPLACE_EXISTING);

                browser.findElement(By.cssSelector("tr[data-run='0/ada'] input"))
                        .click();
                wait.until(b -> !b.findElement(By.id("chart-ada")).isDisplayed());
                assertThat(points(browser)).isEqualTo(2);
            } finally {
                browser.quit();
            }
        }
    }

    @Test
    void theExplorerDrawsSamplesWalksAndArithmeticOnTheServer(@TempDir Path dir) throws Exception {
        requireBrowser();
        ExploredRuns.run(dir.resolve("runs/explored"), ExploredRuns.SMALL, 1, ModelFiles.GENERATOR_FILE);
        try (var server =
                DashboardServer.start(new DashboardServer.Settings(List.of(dir.resolve("runs")), "127.0.0.1", 0))) {
            ChromeDriver browser = (ChromeDriver) browser(Files.createDirectory(dir.resolve("profile")));
            try {
                browser.get(server.uri().toString());
                var wait = new WebDriverWait(browser, Duration.ofSeconds(30));
                wait.until(b -> b.findElement(By.id("explore")).isDisplayed());
                browser.findElement(By.id("explore")).click();
                wait.until(b -> loaded(browser, "ex-grid", "grid.png"));
                WebElement grid = browser.findElement(By.id("ex-grid"));
                assertThat(grid.getAttribute("naturalWidth")).isEqualTo(String.valueOf(8 * 30 + 2)); // 32 samples

                clickSample(browser, 0); // walk from seed 1 …
                clickSample(browser, 5); // … to seed 6
                wait.until(b -> loaded(browser, "ex-walk", "frame=0&"));
                String first = pixels(browser, "ex-walk");
                WebElement slider = browser.findElement(By.id("ex-slider"));
                slider.sendKeys(Keys.END);
                for (int i = 0; i < 5; i++) {
                    slider.sendKeys(Keys.ARROW_LEFT); // a drag: the page asks for the newest frame only
                }
                wait.until(b -> loaded(browser, "ex-walk", "frame=27&"));
                assertThat(pixels(browser, "ex-walk")).isNotEqualTo(first);
                assertThat(browser.findElement(By.id("ex-walk-caption")).getText())
                        .isEqualTo("frame 27 of dcgan walk seed:1 seed:6 --steps 32 --mode spherical");

                for (String[] pick : new String[][] {{"A", "1"}, {"A", "2"}, {"B", "3"}, {"C", "4"}}) {
                    browser.findElement(By.cssSelector("input[name=ex-target][value=" + pick[0] + "]"))
                            .click();
                    clickSample(browser, Integer.parseInt(pick[1]));
                }
                assertThat(browser.findElement(By.id("ex-a")).getText()).isEqualTo("2, 3");
                browser.findElement(By.id("ex-compute")).click();
                wait.until(b -> loaded(browser, "ex-arithmetic", "a=2%2C3&b=4&c=5"));
                assertThat(browser.getCurrentUrl()).contains("#explore=explored&", "from=1", "to=6", "frame=27");

                String requests = "return performance.getEntriesByType('resource').length";
                Object before = browser.executeScript(requests);
                Thread.sleep(6000); // longer than the run list's polling: the explorer asks only on input
                assertThat(browser.executeScript(requests)).isEqualTo(before);

                String bad = "/api/explore/walk.png?run=0%2Fexplored&a=1&b=2&steps=99999&frame=1";
                browser.executeScript("exShow('ex-walk', arguments[0])", bad);
                wait.until(b -> b.findElement(By.id("ex-status")).getText().startsWith("steps must be"));
                assertThat(loaded(browser, "ex-walk", "frame=27&")).isTrue(); // the refused one did not replace it
                HttpResponse<String> refused = HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(server.uri().resolve(bad))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                assertThat(refused.statusCode()).isEqualTo(400);
                assertThat(refused.body()).isEqualTo("steps must be a whole number from 1 to 256, got '99999'\n");

                File shot = browser.getScreenshotAs(OutputType.FILE);
                Files.copy(
                        shot.toPath(),
                        Files.createDirectories(Path.of("target")).resolve("explorer-browser.png"),
                        StandardCopyOption.REPLACE_EXISTING);
            } finally {
                browser.quit();
            }
        }
    }

    /** Whether the image shows the picture whose address contains {@code part}, fully loaded. */
    private static boolean loaded(ChromeDriver browser, String id, String part) {
        Object shown = browser.executeScript(
                "const i = document.getElementById(arguments[0]);"
                        + "return i.complete && i.naturalWidth > 0 ? i.dataset.shown : null",
                id);
        return shown != null && shown.toString().contains(part);
    }

    /** A real click on sample {@code i} of the grid (8 to a row, 28 pixels and a border of 2 each). */
    private static void clickSample(ChromeDriver browser, int i) {
        WebElement grid = browser.findElement(By.id("ex-grid"));
        double scale = grid.getRect().getWidth() / (8 * 30 + 2.0);
        int centreX = (int) ((2 + (i % 8) * 30 + 14 - (8 * 30 + 2) / 2.0) * scale);
        int centreY = (int) ((2 + (i / 8) * 30 + 14 - (4 * 30 + 2) / 2.0) * scale);
        new Actions(browser).moveToElement(grid, centreX, centreY).click().perform();
    }

    /** The pixels the browser decoded, as a data address of a canvas they were drawn on. */
    private static String pixels(ChromeDriver browser, String id) {
        return (String) browser.executeScript(
                "const i = document.getElementById(arguments[0]), c = document.createElement('canvas');"
                        + "c.width = i.naturalWidth; c.height = i.naturalHeight;"
                        + "c.getContext('2d').drawImage(i, 0, 0); return c.toDataURL();",
                id);
    }

    private static int points(WebDriver browser) {
        String points = browser.findElement(By.id("chart-loss")).getAttribute("data-points");
        return points == null ? 0 : Integer.parseInt(points);
    }

    private static void requireBrowser() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("the dashboard test needs " + CHROMIUM + " and " + CHROMEDRIVER
                    + " (apt-get install chromium chromium-driver; .ci/run does it)");
        }
        Assumptions.assumeTrue(
                present,
                () -> "skipped: no " + CHROMIUM + " and " + CHROMEDRIVER
                        + " (apt-get install chromium chromium-driver)");
    }

    private static WebDriver browser(Path profile) {
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // no internet here: without the background-networking flags Chromium stalls on refused connections
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile,
                "--window-size=1400,1000");
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }
}
