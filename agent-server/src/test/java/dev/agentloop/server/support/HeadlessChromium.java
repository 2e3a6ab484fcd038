package dev.agentloop.server.support;

import dev.agentloop.core.testing.RequiredService;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium and ChromeDriver, headless, with a fresh profile and no background networking. When they are
 * missing the test fails under {@code CI=true} and is skipped elsewhere.
 */
public final class HeadlessChromium {

    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("AGENT_CHROMIUM", "/usr/bin/chromium"));
    private static final Path DRIVER =
            Path.of(System.getenv().getOrDefault("AGENT_CHROMEDRIVER", "/usr/bin/chromedriver"));

    private HeadlessChromium() {}

    /**
     * @param profile an empty folder for the browser's profile
     */
    public static ChromeDriver start(Path profile) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
            String message = "Chromium (" + CHROMIUM + ") and ChromeDriver (" + DRIVER + ") are needed for the"
                    + " dashboard test: run scripts/provision (Debian packages chromium and chromium-driver)";
            RequiredService.missing(message);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--window-size=1280,2000",
                "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER.toString()))
                .usingAnyFreePort()
                .withTimeout(Duration.ofSeconds(60))
                .build();
        return new ChromeDriver(service, options);
    }
}
