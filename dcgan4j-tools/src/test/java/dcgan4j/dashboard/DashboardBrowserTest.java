package dcgan4j.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dcgan4j.data.ImageDataset;
import dcgan4j.data.SyntheticDigits;
import dcgan4j.model.ModelConfig;
import dcgan4j.monitor.RunStatus;
import dcgan4j.monitor.RunStatusFile;
import dcgan4j.run.RunDirectory;
import dcgan4j.train.Trainer;
import dcgan4j.train.config.TrainConfig;
import java.io.File;
import java.io.IOException;
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
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page in a real browser — Debian's headless Chromium through its chromedriver, both named
 * explicitly so that Selenium never downloads one — while a run trains in this process: the run
 * list shows it, a chart gains points without a reload, the slider changes the grid. Without the
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
