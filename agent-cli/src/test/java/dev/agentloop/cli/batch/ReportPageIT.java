package dev.agentloop.cli.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentloop.cli.env.MemoryMode;
import dev.agentloop.cli.support.HeadlessChromium;
import dev.agentloop.core.Language;
import dev.agentloop.core.StopReason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/** report.html rendered by a real headless Chromium: every chart is drawn, sized and complete, nothing is fetched. */
class ReportPageIT {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    @TempDir
    Path temp;

    private static TaskResult result(
            String id, String project, MemoryMode memory, boolean solved, int iterations, long tokens, int second) {
        return new TaskResult(
                id,
                1,
                project,
                Language.PYTHON,
                memory,
                false,
                UUID.randomUUID(),
                solved ? RunStatus.SOLVED : RunStatus.STOPPED,
                solved ? Optional.empty() : Optional.of(StopReason.ITERATION_LIMIT),
                solved ? "" : "5 of 5 iterations used without passing tests",
                new Verdict(Verdict.Judge.HIDDEN_TESTS, solved, solved ? 3 : 1, 3, solved ? "" : "failed"),
                iterations,
                tokens,
                tokens * 0.000002,
                Duration.ofSeconds(4),
                Duration.ofSeconds(3),
                T0.plusSeconds(second - 4),
                T0.plusSeconds(second),
                solved ? 1 : 0,
                solved && iterations > 1,
                Duration.ofSeconds(2),
                project.equals("dates")
                        ? Optional.of(new Localization(
                                List.of("dates.py"),
                                List.of("dates.py", "util.py"),
                                iterations == 1 ? 1 : 3,
                                0,
                                true,
                                solved))
                        : Optional.empty());
    }

    private static BatchSummary summary() {
        List<TaskResult> rs = new ArrayList<>();
        String[] projects = {"humaneval", "slugify <lib>", "dates"};
        int second = 5;
        for (MemoryMode memory : List.of(MemoryMode.ON, MemoryMode.OFF)) {
            for (int i = 0; i < 18; i++) {
                boolean solved = i % 3 != 0 || (memory == MemoryMode.ON && i % 2 == 0);
                rs.add(result(
                        "task-" + i,
                        projects[i % projects.length],
                        memory,
                        solved,
                        1 + i % 4,
                        1_500 + 700L * (i % 7) + (memory == MemoryMode.OFF ? 900 : 0),
                        second));
                second += 3;
            }
        }
        return new BatchSummary(
                "/data/tasks.jsonl",
                "abc",
                MemoryMode.OFF,
                false,
                2,
                Optional.of(0.25),
                Optional.empty(),
                rs,
                List.of(new InvalidInstanceException(7, Optional.of("bad <one>"), "unknown field 'x'.")),
                Map.of("cost_cap", 4),
                T0,
                T0.plusSeconds(second),
                rs.size());
    }

    @Test
    void chromiumDrawsEveryChartFromThePageAloneAndFetchesNothing() throws Exception {
        BatchSummary summary = summary();
        Path page = temp.resolve("report.html");
        Files.writeString(page, ReportPage.render(summary));
        ChromeDriver browser = HeadlessChromium.start(temp.resolve("profile"));
        try {
            browser.get(page.toUri().toString());
            assertThat(browser.getTitle()).isEqualTo("agent batch: tasks.jsonl");
            assertThat(browser.findElement(By.id("headline")).getText()).isEqualTo("27 of 36 solved, pass@1 75.0%");

            for (String id : List.of("pass-by-project", "iterations", "tokens", "spend", "memory-pass")) {
                WebElement chart = browser.findElement(By.id(id));
                assertThat(chart.isDisplayed()).as(id).isTrue();
                assertThat(chart.getRect().getWidth()).as(id + " width").isGreaterThan(300);
                assertThat(chart.getRect().getHeight()).as(id + " height").isGreaterThan(40);
            }
            List<WebElement> projectBars = browser.findElements(By.cssSelector("#pass-by-project rect.bar"));
            assertThat(projectBars).hasSize(3);
            assertThat(projectBars)
                    .allSatisfy(b -> assertThat(b.getRect().getWidth()).isPositive());
            assertThat(browser.findElement(By.id("pass-by-project")).getText()).contains("slugify <lib>");
            // the iterations histogram: 1 to 4 iterations, solved and not solved stacked, 36 results in all
            JavascriptExecutor js = browser;
            long barsHigh = (Long) js.executeScript("return document.querySelectorAll('#iterations rect.bar').length");
            assertThat(barsHigh).isBetween(4L, 8L);
            assertThat(browser.findElements(By.cssSelector("#spend path.spend")))
                    .hasSize(1);
            assertThat(browser.findElements(By.cssSelector("#spend line.cap"))).hasSize(1);
            assertThat(browser.findElement(By.id("memory-comparison")).getText())
                    .contains("memory on", "memory off");
            assertThat(browser.findElements(By.cssSelector("#results tr"))).hasSize(37);
            // per project: time for all, localization only where instances have one (dates: 2 of 12 first, all in 5)
            List<WebElement> projectRows = browser.findElements(By.cssSelector("#by-project tr"));
            assertThat(projectRows).hasSize(4);
            assertThat(projectRows.get(0).getText()).contains("map: file top-1");
            WebElement dates = projectRows.stream()
                    .filter(r -> r.getText().startsWith("dates"))
                    .findFirst()
                    .orElseThrow();
            assertThat(dates.getText()).contains("17%").contains("100%").contains("2.0 s");
            assertThat(projectRows)
                    .filteredOn(r -> r.getText().startsWith("humaneval"))
                    .singleElement()
                    .satisfies(r -> assertThat(r.getText()).endsWith("- - - - - -"));
            assertThat(browser.findElement(By.id("invalid")).getText())
                    .contains("line 7 (bad <one>): unknown field 'x'.");
            long fetched = (Long) js.executeScript("return performance.getEntriesByType('resource').length");
            assertThat(fetched).as("resources the page fetched").isZero();
            Files.write(
                    Path.of("target", "report-page.png").toAbsolutePath(), browser.getScreenshotAs(OutputType.BYTES));
        } finally {
            browser.quit();
        }
    }
}
