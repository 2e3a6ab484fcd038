package dev.agentloop.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentloop.core.testing.FakeSandbox;
import dev.agentloop.memory.EmbeddingModels;
import dev.agentloop.memory.InMemoryFailureMemory;
import dev.agentloop.server.support.HeadlessChromium;
import dev.agentloop.server.support.RunningServer;
import dev.agentloop.server.support.ScriptedAgents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/** The dashboard in a real headless Chromium: submit from the page, watch it finish, see a memory hit, cancel. */
class DashboardIT {

    @TempDir
    Path temp;

    @Test
    void submitsWatchesSeesAMemoryHitAndCancelsFromThePage() throws Exception {
        AtomicBoolean hold = new AtomicBoolean();
        Semaphore gate = new Semaphore(0);
        FakeSandbox sandbox = new FakeSandbox()
                .thenReport(
                        FakeSandbox.failing("test_add", "assert -1 == 3"),
                        FakeSandbox.passing(1),
                        FakeSandbox.failing("test_add", "assert -1 == 3"),
                        FakeSandbox.passing(1),
                        FakeSandbox.failing("test_add", "assert -1 == 3")) // the last repeats: the third never passes
                .onRunTests(r -> {
                    if (hold.get()) {
                        try {
                            gate.tryAcquire(120, TimeUnit.SECONDS); // the third task waits here until cancelled
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                });
        InMemoryFailureMemory memory = InMemoryFailureMemory.of(EmbeddingModels.hashing(64));
        Files.createDirectories(temp.resolve("profile"));
        try (RunningServer s = RunningServer.start(
                new ScriptedAgents(ScriptedAgents::failingOnce, sandbox, temp.resolve("ws"), memory),
                c -> c.workers(1))) {
            ChromeDriver browser = HeadlessChromium.start(temp.resolve("profile"));
            try {
                Waiter wait = new Waiter(browser, Duration.ofSeconds(90));
                browser.get(s.http().base() + "/");
                // no token yet: the page asks for one
                wait.until(d -> d.findElement(By.id("token")).isDisplayed() ? true : null);
                browser.findElement(By.id("token")).sendKeys(RunningServer.TOKEN);
                browser.findElement(By.cssSelector("#token-form button")).click();
                wait.until(d -> d.findElement(By.id("connection")).getText().equals("connected") ? true : null);

                String first = submit(browser, wait, "Write add(a, b), the first one");
                waitForStatus(wait, first, "solved");

                String second = submit(browser, wait, "Write add(a, b), the second one");
                waitForStatus(wait, second, "solved");
                // the second run's failure is like the first's: its timeline shows the memory hit, with similarity
                WebElement hit = wait.until(d -> first(d, "#timeline li[data-type=MemoryHit]"));
                assertThat(hit.getText()).contains("memory hit").contains("similarity");
                wait.until(
                        d -> d.findElement(By.id("detail-summary")).getText().contains("1 memory hit") ? true : null);
                assertThat(browser.findElement(By.id("detail-result")).getText())
                        .contains("return a + b");

                hold.set(true);
                String third = submit(browser, wait, "Write add(a, b), the one to cancel");
                waitForStatus(wait, third, "running");
                wait.until(d -> first(d, "button.cancel[data-id='" + third + "']"))
                        .click();
                // the fake sandbox's test run is not interruptible: let it return, the loop then sees the cancel
                wait.until(d -> s.http()
                                .get("/api/v1/tasks/" + third)
                                .json()
                                .path("cancel_requested")
                                .asBoolean()
                        ? true
                        : null);
                hold.set(false);
                gate.release(10);
                waitForStatus(wait, third, "cancelled");
                assertThat(s.http()
                                .get("/api/v1/tasks/" + third)
                                .json()
                                .path("status")
                                .asText())
                        .isEqualTo("cancelled");

                // the charts are drawn from the same data
                wait.until(d -> first(d, "#chart-hours svg rect[data-status=solved]"));
                wait.until(d -> d.findElement(By.id("chart-hits")).getText().contains("memory hit") ? true : null);
                Files.write(Path.of("target", "dashboard.png"), browser.getScreenshotAs(OutputType.BYTES));
            } finally {
                browser.quit();
                gate.release(10);
            }
        }
    }

    private static String submit(WebDriver browser, Waiter wait, String text) {
        String before = browser.findElement(By.id("detail-id")).getText();
        WebElement box = browser.findElement(By.id("task-text"));
        box.clear();
        box.sendKeys(text);
        browser.findElement(By.id("submit-button")).click();
        wait.until(d -> !d.findElement(By.id("detail-id")).getText().equals(before)
                && !d.findElement(By.id("detail-id")).getText().isEmpty());
        String shortId = browser.findElement(By.id("detail-id")).getText();
        return wait.until(d -> d.findElements(By.cssSelector("#tasks tbody tr")).stream()
                .map(r -> r.getAttribute("data-id"))
                .filter(id -> id != null && id.startsWith(shortId))
                .findFirst()
                .orElse(null));
    }

    private static WebElement first(WebDriver d, String css) {
        return d.findElements(By.cssSelector(css)).stream().findFirst().orElse(null);
    }

    /** Polls a condition every 100 ms until it gives a value (not null, not false), or fails after the limit. */
    private record Waiter(WebDriver driver, Duration limit) {
        <T> T until(java.util.function.Function<WebDriver, T> condition) {
            java.time.Instant deadline = java.time.Instant.now().plus(limit);
            RuntimeException last = null;
            while (java.time.Instant.now().isBefore(deadline)) {
                try {
                    T value = condition.apply(driver);
                    if (value != null && !Boolean.FALSE.equals(value)) {
                        return value;
                    }
                } catch (org.openqa.selenium.WebDriverException e) {
                    last = e; // not there yet (or replaced by a refresh)
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            throw new AssertionError("the page did not get there in " + limit, last);
        }
    }

    private static void waitForStatus(Waiter wait, String id, String status) {
        wait.until(d -> first(d, "#tasks tbody tr[data-id='" + id + "'][data-status='" + status + "']"));
    }
}
