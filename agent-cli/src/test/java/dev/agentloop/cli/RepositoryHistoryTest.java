package dev.agentloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentloop.cli.support.CliHarness;
import dev.agentloop.cli.support.FakeBackends;
import dev.agentloop.core.Language;
import dev.agentloop.core.ProjectType;
import dev.agentloop.core.event.IterationOutcome;
import dev.agentloop.core.source.RepositoryInfo;
import dev.agentloop.core.spi.FailureRecord;
import dev.agentloop.core.spi.HandoffRecord;
import dev.agentloop.core.spi.IterationRecord;
import dev.agentloop.core.spi.TaskCompletion;
import dev.agentloop.core.spi.TaskRecord;
import dev.agentloop.core.spi.TaskStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code agent history} and {@code agent show} for runs on an existing project: repository, branch and patch. */
class RepositoryHistoryTest {

    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");
    private static final UUID REPO_TASK = UUID.fromString("1a2b3c4d-0000-4000-8000-000000000001");
    private static final UUID NEW_MODULE = UUID.fromString("5e6f7a8b-0000-4000-8000-000000000002");
    private static final String BASE = "0123456789abcdef0123456789abcdef01234567";
    private static final RepositoryInfo SHOP =
            new RepositoryInfo("shop", "/home/me/shop", "git@example.org:acme/shop.git", "main", BASE);
    private static final String PATCH =
            "--- a/shop/cart.py\n+++ b/shop/cart.py\n@@ -1,2 +1,2 @@\n def total(xs):\n-    return sum_all(xs)\n"
                    + "+    return sum(xs)\n";

    @TempDir
    Path temp;

    FakeBackends backends;
    CliHarness cli;

    @BeforeEach
    void setUp() {
        backends = new FakeBackends();
        cli = new CliHarness(temp, backends);
        cli.env.put("COLUMNS", "160");
    }

    private void repositoryRun(String patch) {
        backends.memory.recordTask(
                new TaskRecord(REPO_TASK, "Fix the cart total", Language.PYTHON, ProjectType.LIBRARY, "", AT)
                        .withRepository(SHOP));
        backends.memory.recordIteration(new IterationRecord(
                REPO_TASK,
                1,
                IterationOutcome.TESTS_FAILED,
                Map.of(),
                Map.of(),
                3,
                4,
                "",
                "3/4 tests passed",
                AT,
                AT.plusSeconds(5)));
        backends.memory.recordFailure(new FailureRecord(
                        UUID.randomUUID(),
                        REPO_TASK,
                        1,
                        "NameError | name <v> is not defined | shop/cart.py",
                        "NameError",
                        "name 'sum_all' is not defined",
                        "tests/test_cart.py::test_total",
                        Language.PYTHON,
                        "",
                        "Fix the cart total",
                        "",
                        "",
                        AT.plusSeconds(5))
                .withRepository(SHOP)
                .withFiles(List.of("shop/cart.py", "tests/test_cart.py")));
        backends.memory.completeTask(new TaskCompletion(
                        REPO_TASK, TaskStatus.SOLVED, "", 2, 1200, 0.0, Duration.ofSeconds(9), AT.plusSeconds(9))
                .withHandoff(new HandoffRecord(
                        "agentloop/1a2b3c4d",
                        "fedcba9876543210fedcba9876543210fedcba98",
                        "/home/me/.agentloop/workspace/1a2b3c4d.patch",
                        patch,
                        false,
                        List.of("shop/cart.py"),
                        " shop/cart.py | 2 +-\n 1 file changed, 1 insertion(+), 1 deletion(-)\n")));
    }

    private void newModuleRun() {
        backends.memory.recordTask(new TaskRecord(
                NEW_MODULE, "Write slugify", Language.PYTHON, ProjectType.LIBRARY, "", AT.minusSeconds(60)));
        backends.memory.completeTask(new TaskCompletion(
                NEW_MODULE, TaskStatus.SOLVED, "", 1, 300, 0.0, Duration.ofSeconds(3), AT.minusSeconds(57)));
    }

    @Test
    void historyShowsTheRepositoryOfARepositoryRunAndADashForANewModule() {
        repositoryRun(PATCH);
        newModuleRun();

        CliHarness.Result r = cli.run("history");

        assertThat(r.exitCode()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).contains("REPO");
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("1a2b3c4d", "shop", "Fix the cart total"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("5e6f7a8b", " - ", "Write slugify"));
    }

    @Test
    void historyHasNoRepositoryColumnWhenNoRunWorkedOnOne() {
        newModuleRun();

        assertThat(cli.run("history").out()).doesNotContain("REPO");
    }

    @Test
    void historyJsonCarriesTheRepositoryAndTheBranch() {
        repositoryRun(PATCH);
        newModuleRun();

        List<String> rows = cli.run("history", "--json").out().lines().toList();

        assertThat(rows.get(0)).contains("\"repository\":\"shop\"", "\"branch\":\"agentloop/1a2b3c4d\"");
        assertThat(rows.get(1)).contains("\"repository\":null", "\"branch\":null");
    }

    @Test
    void showPrintsTheRepositoryBaseCommitBranchChangedFilesAndPatch() {
        repositoryRun(PATCH);

        CliHarness.Result r = cli.run("show", "1a2b3c4d");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out())
                .contains("repository shop, base main at " + BASE)
                .contains("location /home/me/shop", "remote git@example.org:acme/shop.git")
                .contains("files shop/cart.py, tests/test_cart.py")
                .contains("Handed off on branch agentloop/1a2b3c4d (commit fedcba98")
                .contains("changed files (1):\n    shop/cart.py")
                .contains("patch:\n    --- a/shop/cart.py", "    +    return sum(xs)")
                .doesNotContain("more line(s)");
        assertThat(cli.run("show", "1a2b3c4d", "--no-diffs").out())
                .contains("Handed off on branch agentloop/1a2b3c4d")
                .doesNotContain("+    return sum(xs)");
    }

    @Test
    void showCutsALongPatchAndSaysHowToSeeAllOfIt() {
        StringBuilder patch = new StringBuilder("--- a/shop/big.py\n+++ b/shop/big.py\n@@ -1,300 +1,300 @@\n");
        for (int i = 0; i < 300; i++) {
            patch.append("+line ").append(i).append('\n');
        }
        repositoryRun(patch.toString());

        String out = cli.run("show", "1a2b3c4d").out();

        assertThat(out)
                .contains("+line 196")
                .doesNotContain("+line 197\n")
                .contains("… 103 more line(s). The whole patch: agent show 1a2b3c4d --patch, or git -C /home/me/shop"
                        + " show agentloop/1a2b3c4d, or /home/me/.agentloop/workspace/1a2b3c4d.patch");
        assertThat(cli.run("show", "1a2b3c4d", "--patch").out()).isEqualTo(patch.toString());
    }

    @Test
    void showPatchRefusesARunThatHandedNothingBack() {
        newModuleRun();

        CliHarness.Result r = cli.run("show", "5e6f7a8b", "--patch");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("handed back no patch", "agent run --repo");
    }

    @Test
    void showJsonCarriesTheRepositoryTheFilesAndTheHandoff() {
        repositoryRun(PATCH);

        String json = cli.run("show", "1a2b3c4d", "--json").out();

        assertThat(json)
                .contains("\"repository\":{\"name\":\"shop\",\"location\":\"/home/me/shop\"")
                .contains("\"baseCommit\":\"" + BASE + "\"")
                .contains("\"files\":[\"shop/cart.py\",\"tests/test_cart.py\"]")
                .contains("\"handoff\":{\"branch\":\"agentloop/1a2b3c4d\"")
                .contains("\"patch\":\"--- a/shop/cart.py\\n");
    }
}
