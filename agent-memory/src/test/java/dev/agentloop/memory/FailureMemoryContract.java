package dev.agentloop.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentloop.core.Language;
import dev.agentloop.core.Phase;
import dev.agentloop.core.ProjectType;
import dev.agentloop.core.event.FailureStored;
import dev.agentloop.core.event.IterationOutcome;
import dev.agentloop.core.source.RepositoryInfo;
import dev.agentloop.core.spi.ApprovalDecision;
import dev.agentloop.core.spi.ApprovalKind;
import dev.agentloop.core.spi.ApprovalRecord;
import dev.agentloop.core.spi.ApprovalRequest;
import dev.agentloop.core.spi.FailureMatch;
import dev.agentloop.core.spi.FailureQuery;
import dev.agentloop.core.spi.FailureRecord;
import dev.agentloop.core.spi.FixRecord;
import dev.agentloop.core.spi.HandoffRecord;
import dev.agentloop.core.spi.HistoryQuery;
import dev.agentloop.core.spi.IterationRecord;
import dev.agentloop.core.spi.PatternMatch;
import dev.agentloop.core.spi.RetrievalRecord;
import dev.agentloop.core.spi.SuccessPattern;
import dev.agentloop.core.spi.TaskCompletion;
import dev.agentloop.core.spi.TaskDetail;
import dev.agentloop.core.spi.TaskRecord;
import dev.agentloop.core.spi.TaskStatus;
import dev.agentloop.core.spi.TaskSummary;
import dev.agentloop.core.testing.SecretSamples;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ManagedFailureMemory} must have. Each implementation's test extends this and provides a
 * fresh, empty memory per test.
 */
abstract class FailureMemoryContract {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    static final String NAME_ERROR_OUTPUT = """
            ____________________________ test_total ____________________________
                def test_total():
            >       assert total([1, 2]) == 3
            test_solution.py:4:
            _ _ _ _ _ _ _ _
                def total(xs):
            >       return sum_all(xs)
            E       NameError: name 'sum_all' is not defined
            solution.py:2: NameError
            FAILED test_solution.py::test_total - NameError: name 'sum_all' is not defined
            """;
    static final String NONE_OUTPUT = """
            E       assert None == 6
            E        +  where None = <function product at 0x7f3a2b1c>([1, 2, 3])
            test_solution.py:7: AssertionError
            FAILED test_solution.py::test_product - assert None == 6
            """;
    static final String SYNTAX_OUTPUT = """
            E     File "/workspace/solution.py", line 3
            E       if x > 0
            E               ^
            E   SyntaxError: expected ':'
            ERROR test_solution.py
            """;

    protected ManagedFailureMemory memory;

    /** A new, empty memory. */
    protected abstract ManagedFailureMemory create();

    @BeforeEach
    void open() {
        memory = create();
    }

    @AfterEach
    void closeMemory() {
        memory.close();
    }

    /** The memory's whole ranking for {@code query}, what it shows or not: for tests of the order itself. */
    List<FailureMatch> ranking(FailureQuery query) {
        return memory.rank(query).stream().map(RankedMatch::match).toList();
    }

    static UUID id(int n) {
        return new UUID(0x5eedL, n);
    }

    static TaskRecord task(int n, String text, Instant startedAt) {
        return new TaskRecord(id(n), text, Language.PYTHON, ProjectType.LIBRARY, "demo", startedAt);
    }

    static FailureRecord failure(int n, UUID task, String errorType, String message, String output, String code) {
        return new FailureRecord(
                id(1000 + n),
                task,
                1,
                errorType + " | " + message + " | test_solution.py::test",
                errorType,
                message,
                "test_solution.py::test",
                Language.PYTHON,
                "demo",
                "write the function",
                code,
                output,
                T0.plusSeconds(n));
    }

    static FailureRecord nameError(int n, UUID task) {
        return failure(
                n,
                task,
                "NameError",
                "name 'sum_all' is not defined",
                NAME_ERROR_OUTPUT,
                "def total(xs):\n    return sum_all(xs)\n");
    }

    static FailureRecord missingReturn(int n, UUID task) {
        return failure(
                n,
                task,
                "AssertionError",
                "assert None == <n>",
                NONE_OUTPUT,
                "def product(xs):\n    p = 1\n    for x in xs:\n        p *= x\n");
    }

    static FailureRecord syntaxError(int n, UUID task) {
        return failure(
                n, task, "SyntaxError", "expected ':'", SYNTAX_OUTPUT, "def f(x):\n    if x > 0\n        return 1\n");
    }

    static FixRecord fix(FailureRecord f, boolean verified) {
        return new FixRecord(
                f.id(),
                f.taskId(),
                2,
                "--- a/solution.py\n+++ b/solution.py\n@@ -1 +1 @@\n-    return sum_all(xs)\n+    return sum(xs)\n",
                verified,
                T0.plusSeconds(60));
    }

    private void storeThreeKinds() {
        memory.recordTask(task(1, "sum a list", T0));
        memory.recordTask(task(2, "multiply a list", T0.plusSeconds(1)));
        memory.recordTask(task(3, "sign of a number", T0.plusSeconds(2)));
        FailureRecord a = nameError(1, id(1));
        memory.recordFailure(a);
        memory.recordFix(fix(a, true));
        memory.recordFailure(missingReturn(2, id(2)));
        memory.recordFailure(syntaxError(3, id(3)));
    }

    @Test
    void findsThePastFailureOfTheSameKindFirstWithItsFix() {
        storeThreeKinds();
        FailureRecord probe = failure(
                9,
                id(9),
                "NameError",
                "name 'sum_all' is not defined",
                NAME_ERROR_OUTPUT.replace("total", "average"),
                "def average(xs):\n    return sum_all(xs) / len(xs)\n");

        List<FailureMatch> matches = ranking(FailureQuery.similarTo(probe));

        assertThat(matches).isNotEmpty();
        assertThat(matches.get(0).failure().id()).isEqualTo(id(1001));
        assertThat(matches.get(0).fix()).isPresent();
        assertThat(matches.get(0).fix().get().diff()).contains("+    return sum(xs)");
        assertThat(matches.get(0).similarity()).isBetween(0.0, 1.0);
        assertThat(matches).extracting(m -> m.failure().id()).doesNotHaveDuplicates();
    }

    @Test
    void anErrorGivenByItsTypeAndMessageFindsThePastFailureOfTheSameKind() {
        storeThreeKinds();

        List<FailureMatch> matches = ranking(FailureQuery.forError(
                "NameError", "name 'sum_all' is not defined (at /home/me/x.py, line 12)", Language.PYTHON));

        assertThat(matches).isNotEmpty();
        assertThat(matches.get(0).failure().id()).isEqualTo(id(1001));
        assertThat(matches.get(0).fix()).isPresent();
    }

    @Test
    void aTaskIsFoundByItsId() {
        storeThreeKinds();

        assertThat(memory.task(id(2)))
                .get()
                .extracting(d -> d.summary().task().id())
                .isEqualTo(id(2));
        assertThat(memory.task(id(99))).isEmpty();
    }

    @Test
    void theFailureOfAFailureStoredEventIsReadBackAsStored() {
        storeThreeKinds();
        FailureStored event = new FailureStored(id(2), 1, T0, id(1002), "AssertionError | assert None == <n> | t");

        assertThat(event.failure(memory)).get().satisfies(f -> {
            assertThat(f.id()).isEqualTo(id(1002));
            assertThat(f.errorType()).isEqualTo("AssertionError");
            assertThat(f.message()).isEqualTo("assert None == <n>");
        });
        assertThat(new FailureStored(id(2), 1, T0, id(4242), "x").failure(memory))
                .isEmpty();
    }

    @Test
    void returnsAtMostTheLimitBestFirst() {
        storeThreeKinds();
        List<FailureMatch> matches =
                ranking(FailureQuery.similarTo(missingReturn(9, id(9))).withLimit(2));
        assertThat(matches).hasSize(2);
        assertThat(matches.get(0).failure().id()).isEqualTo(id(1002));
    }

    @Test
    void filtersByLanguageProjectAndOwnTask() {
        storeThreeKinds();
        FailureRecord js = new FailureRecord(
                id(1004),
                id(4),
                1,
                "TypeError | x | t",
                "TypeError",
                "x is not a function",
                "t",
                Language.JAVASCRIPT,
                "web",
                "task",
                "x()",
                "TypeError: x is not a function",
                T0);
        memory.recordFailure(js);
        FailureRecord probe = nameError(9, id(9));

        assertThat(ranking(FailureQuery.similarTo(probe).withLimit(10).withLanguage(Language.JAVASCRIPT)))
                .extracting(m -> m.failure().id())
                .containsExactly(id(1004));
        assertThat(ranking(FailureQuery.similarTo(probe).withLimit(10).withProject("demo")))
                .extracting(m -> m.failure().id())
                .containsExactlyInAnyOrder(id(1001), id(1002), id(1003));
        assertThat(ranking(FailureQuery.similarTo(probe).withLimit(10).excludingTask(id(1))))
                .extracting(m -> m.failure().id())
                .doesNotContain(id(1001));
    }

    @Test
    void verifiedFixesOnlyLeavesOutFailuresWithoutOne() {
        storeThreeKinds();
        FailureRecord unverified = missingReturn(5, id(2));
        memory.recordFailure(unverified);
        memory.recordFix(fix(unverified, false));

        assertThat(ranking(FailureQuery.similarTo(missingReturn(9, id(9)))
                        .withLimit(10)
                        .withVerifiedFixesOnly()))
                .extracting(m -> m.failure().id())
                .containsExactly(id(1001));
    }

    @Test
    void minimumSimilarityHoldsBackDistantFailures() {
        storeThreeKinds();
        List<FailureMatch> all =
                ranking(FailureQuery.similarTo(nameError(9, id(9))).withLimit(10));
        double best = all.get(0).similarity();

        List<RankedMatch> judged = memory.rank(
                FailureQuery.similarTo(nameError(9, id(9))).withLimit(10).withMinSimilarity(best));

        assertThat(judged)
                .extracting(m -> m.match().failure().id())
                .containsExactlyElementsOf(
                        all.stream().map(m -> m.failure().id()).toList());
        assertThat(judged)
                .filteredOn(m -> m.match().similarity() < best)
                .isNotEmpty()
                .noneMatch(RankedMatch::shown);
        assertThat(memory.findSimilar(FailureQuery.similarTo(nameError(9, id(9)))
                        .withLimit(10)
                        .withMinSimilarity(best)))
                .allSatisfy(m -> assertThat(m.similarity()).isGreaterThanOrEqualTo(best));
    }

    @Test
    void showsAPastFailureWhoseFixChangedALineShapedLikeOneOfTheProbe() {
        storeThreeKinds();
        FailureRecord probe = nameError(9, id(9));

        List<RankedMatch> judged = memory.rank(FailureQuery.similarTo(probe));
        List<FailureMatch> shown = memory.findSimilar(FailureQuery.similarTo(probe));

        // Its vector, its words and its fixed line all point at the first failure: a confident match.
        assertThat(judged.get(0).match().failure().id()).isEqualTo(id(1001));
        assertThat(judged.get(0).score()).isGreaterThanOrEqualTo(RetrievalSettings.DEFAULT_MIN_SCORE);
        assertThat(shown).isNotEmpty();
        assertThat(shown.get(0).failure().id()).isEqualTo(id(1001));
        assertThat(shown)
                .extracting(m -> m.failure().id())
                .containsExactlyElementsOf(judged.stream()
                        .filter(RankedMatch::shown)
                        .map(m -> m.match().failure().id())
                        .toList());
    }

    @Test
    void abstainsWhenOnlyTheNearestVectorPointsAtAPastFailure() {
        memory.recordTask(task(3, "sign of a number", T0));
        FailureRecord syntax = syntaxError(3, id(3));
        memory.recordFailure(syntax);
        memory.recordFix(new FixRecord(
                syntax.id(),
                syntax.taskId(),
                2,
                "--- a/solution.py\n+++ b/solution.py\n@@ -2 +2 @@\n-    if x > 0\n+    if x > 0:\n",
                true,
                T0.plusSeconds(60)));
        FailureRecord probe = nameError(9, id(9));

        List<RankedMatch> judged = memory.rank(FailureQuery.similarTo(probe));

        // The only stored failure is the nearest one by default, but nothing else says it is like the probe.
        assertThat(judged).singleElement().satisfies(m -> {
            assertThat(m.match().failure().id()).isEqualTo(syntax.id());
            assertThat(m.score()).isLessThan(RetrievalSettings.DEFAULT_MIN_SCORE);
            assertThat(m.shown()).isFalse();
        });
        assertThat(memory.findSimilar(FailureQuery.similarTo(probe))).isEmpty();
    }

    @Test
    void storesARecordWrittenTwiceOnce() {
        memory.recordTask(task(1, "sum a list", T0));
        memory.recordTask(task(1, "sum a list", T0));
        FailureRecord f = nameError(1, id(1));
        memory.recordFailure(f);
        memory.recordFailure(f);
        memory.recordFix(fix(f, true));
        memory.recordFix(fix(f, true));
        RetrievalRecord r = new RetrievalRecord(id(1), 1, List.of(new RetrievalRecord.Hit(f.id(), 0.9)));
        memory.recordRetrieval(r);
        memory.recordRetrieval(r);

        TaskDetail detail = memory.task(id(1).toString()).orElseThrow();
        assertThat(detail.failures()).hasSize(1);
        assertThat(detail.fixes()).hasSize(1);
        assertThat(detail.retrievals()).hasSize(1);
        assertThat(detail.retrievals().get(0).hits()).hasSize(1);
        MemoryStats stats = memory.stats();
        assertThat(stats.tasks()).isEqualTo(1);
        assertThat(stats.failures()).isEqualTo(1);
        assertThat(stats.fixes()).isEqualTo(1);
        assertThat(stats.verifiedFixes()).isEqualTo(1);
    }

    @Test
    void putsTheVerifiedUsefulFixFirstAmongEqualCandidates() {
        memory.recordTask(task(1, "a", T0));
        memory.recordTask(task(2, "b", T0));
        memory.recordTask(task(3, "later run", T0.plusSeconds(10)));
        // Two failures with the same text: only their fixes and their track record differ.
        FailureRecord plain = nameError(1, id(1));
        FailureRecord proven = new FailureRecord(
                id(1002),
                id(2),
                1,
                plain.signature(),
                plain.errorType(),
                plain.message(),
                plain.failingTest(),
                plain.language(),
                plain.project(),
                plain.taskText(),
                plain.codeExcerpt(),
                plain.outputExcerpt(),
                plain.recordedAt());
        memory.recordFailure(plain);
        memory.recordFailure(proven);
        // Different fixes, so the two are not copies of one failure (those are collapsed into one match).
        memory.recordFix(new FixRecord(
                plain.id(),
                plain.taskId(),
                2,
                "--- a/solution.py\n+++ b/solution.py\n@@ -1 +1 @@\n-    return sum_all(xs)\n+    return sum(list(xs))\n",
                false,
                T0.plusSeconds(60)));
        memory.recordFix(fix(proven, true));
        memory.recordRetrieval(new RetrievalRecord(id(3), 1, List.of(new RetrievalRecord.Hit(proven.id(), 0.9))));
        memory.completeTask(new TaskCompletion(id(3), TaskStatus.SOLVED, "", 2, 100, 0.0, Duration.ofSeconds(5), T0));

        List<FailureMatch> matches = ranking(FailureQuery.similarTo(nameError(9, id(9))));

        assertThat(matches.get(0).failure().id()).isEqualTo(proven.id());
        assertThat(matches.get(0).stats().timesRetrieved()).isEqualTo(1);
        assertThat(matches.get(0).stats().timesThenSolved()).isEqualTo(1);
        assertThat(matches.get(1).stats().timesRetrieved()).isZero();
    }

    /** The same failure as {@code f}, recorded by another task (as when one task is run again). */
    static FailureRecord copyOf(FailureRecord f, int n, UUID task) {
        return new FailureRecord(
                id(1000 + n),
                task,
                f.iteration(),
                f.signature(),
                f.errorType(),
                f.message(),
                f.failingTest(),
                f.language(),
                f.project(),
                f.taskText(),
                f.codeExcerpt(),
                f.outputExcerpt(),
                T0.plusSeconds(n));
    }

    @Test
    void collapsesCopiesOfOneFailureAndFixSoTheLimitHoldsDistinctMatches() {
        FailureRecord first = nameError(1, id(1));
        List<FailureRecord> copies = List.of(first, copyOf(first, 2, id(2)), copyOf(first, 3, id(3)));
        for (int i = 0; i < copies.size(); i++) {
            memory.recordTask(task(i + 1, "sum a list", T0.plusSeconds(i)));
            memory.recordFailure(copies.get(i));
            // Only the second run's fix was verified: that copy is the one to keep.
            memory.recordFix(fix(copies.get(i), i == 1));
        }
        memory.recordTask(task(4, "multiply a list", T0.plusSeconds(4)));
        FailureRecord other = missingReturn(4, id(4));
        memory.recordFailure(other);
        memory.recordFix(new FixRecord(
                other.id(),
                other.taskId(),
                2,
                "--- a/solution.py\n+++ b/solution.py\n@@ -4 +4,2 @@\n     p *= x\n+    return p\n",
                true,
                T0.plusSeconds(60)));

        List<FailureMatch> matches =
                ranking(FailureQuery.similarTo(nameError(9, id(9))).withLimit(2));

        assertThat(matches).extracting(m -> m.failure().id()).containsExactly(id(1002), other.id());
        assertThat(matches.get(0).fix())
                .hasValueSatisfying(f -> assertThat(f.verified()).isTrue());
    }

    @Test
    void historyIsNewestFirstPagedAndFilteredByStatus() {
        for (int i = 1; i <= 5; i++) {
            memory.recordTask(task(i, "task " + i, T0.plusSeconds(i)));
        }
        memory.completeTask(new TaskCompletion(
                id(2), TaskStatus.SOLVED, "", 3, 1200, 0.01, Duration.ofSeconds(9), T0.plusSeconds(20)));
        memory.completeTask(new TaskCompletion(
                id(4),
                TaskStatus.STOPPED,
                "ITERATION_LIMIT",
                10,
                5000,
                0.05,
                Duration.ofSeconds(30),
                T0.plusSeconds(40)));

        assertThat(memory.history(HistoryQuery.latest(2)))
                .extracting(s -> s.task().id())
                .containsExactly(id(5), id(4));
        assertThat(memory.history(new HistoryQuery(2, 2, Optional.empty())))
                .extracting(s -> s.task().id())
                .containsExactly(id(3), id(2));
        List<TaskSummary> solved = memory.history(new HistoryQuery(10, 0, Optional.of(TaskStatus.SOLVED)));
        assertThat(solved).singleElement().satisfies(s -> {
            assertThat(s.task().id()).isEqualTo(id(2));
            assertThat(s.tokens()).isEqualTo(1200);
            assertThat(s.duration()).isEqualTo(Duration.ofSeconds(9));
            assertThat(s.completion().orElseThrow().iterations()).isEqualTo(3);
        });
        assertThat(memory.history(new HistoryQuery(10, 0, Optional.of(TaskStatus.RUNNING))))
                .hasSize(3);
    }

    @Test
    void showsOneTaskWithIterationsFailuresFixesRetrievalsAndApprovals() {
        memory.recordTask(task(1, "sum a list", T0));
        FailureRecord f = nameError(1, id(1));
        memory.recordIteration(new IterationRecord(
                id(1),
                1,
                IterationOutcome.TESTS_FAILED,
                Map.of(Phase.CODE, Duration.ofMillis(1500), Phase.TEST, Duration.ofMillis(800)),
                Map.of(Phase.CODE, 900L),
                0,
                1,
                "--- a\n+++ b\n",
                "tests failed",
                T0,
                T0.plusSeconds(3)));
        memory.recordFailure(f);
        memory.recordRetrieval(new RetrievalRecord(id(1), 1, List.of(new RetrievalRecord.Hit(id(4242), 0.8))));
        memory.recordIteration(new IterationRecord(
                id(1),
                2,
                IterationOutcome.PASSED,
                Map.of(),
                Map.of(),
                1,
                1,
                "diff",
                "passed",
                T0.plusSeconds(3),
                T0.plusSeconds(6)));
        memory.recordFix(fix(f, true));
        memory.recordApproval(
                id(1),
                new ApprovalRecord(
                        new ApprovalRequest(id(1), ApprovalKind.DEPENDENCY, "requests", "not on the allow-list"),
                        ApprovalDecision.approve("user"),
                        1,
                        T0.plusSeconds(1)));

        TaskDetail detail = memory.task(id(1).toString().substring(0, 13)).orElseThrow();

        assertThat(detail.summary().iterations()).isEqualTo(2);
        assertThat(detail.summary().memoryHits()).isEqualTo(1);
        assertThat(detail.iterations()).extracting(IterationRecord::number).containsExactly(1, 2);
        assertThat(detail.iterations().get(0).phaseDurations()).containsEntry(Phase.CODE, Duration.ofMillis(1500));
        assertThat(detail.iterations().get(0).phaseTokens()).containsEntry(Phase.CODE, 900L);
        assertThat(detail.failures()).extracting(FailureRecord::id).containsExactly(f.id());
        assertThat(detail.fixes())
                .singleElement()
                .satisfies(x -> assertThat(x.verified()).isTrue());
        assertThat(detail.retrievals())
                .singleElement()
                .satisfies(r -> assertThat(r.hits()).hasSize(1));
        assertThat(detail.approvals()).singleElement().satisfies(a -> {
            assertThat(a.request().subject()).isEqualTo("requests");
            assertThat(a.decision().approved()).isTrue();
        });
    }

    @Test
    void refusesShortOrAmbiguousTaskPrefixes() {
        memory.recordTask(task(1, "a", T0));
        memory.recordTask(task(2, "b", T0));
        assertThatThrownBy(() -> memory.task("000"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 4");
        assertThatThrownBy(() -> memory.task("0000"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(id(1).toString())
                .hasMessageContaining(id(2).toString());
        assertThat(memory.task("ffff")).isEmpty();
    }

    @Test
    void findsSuccessPatternsByTaskText() {
        memory.recordPattern(new SuccessPattern(
                id(1),
                id(1),
                "parse a CSV file into a list of dictionaries",
                Language.PYTHON,
                ProjectType.DATA_PIPELINE,
                "use csv.DictReader",
                2,
                T0));
        memory.recordPattern(new SuccessPattern(
                id(2),
                id(2),
                "serve a REST endpoint returning JSON",
                Language.PYTHON,
                ProjectType.WEB_APP,
                "use http.server",
                3,
                T0));

        List<PatternMatch> found = memory.rankPatterns("read a CSV file into dictionaries", 1);

        assertThat(found)
                .singleElement()
                .satisfies(p -> assertThat(p.pattern().id()).isEqualTo(id(1)));
    }

    @Test
    void offersOnlyPatternsAboveTheSimilarityFloor() {
        memory.recordPattern(new SuccessPattern(
                id(1),
                id(1),
                "parse a CSV file into a list of dictionaries",
                Language.PYTHON,
                ProjectType.DATA_PIPELINE,
                "use csv.DictReader",
                2,
                T0));

        List<PatternMatch> unrelated = memory.rankPatterns("serve a REST endpoint returning JSON", 3);

        assertThat(unrelated)
                .singleElement()
                .satisfies(
                        p -> assertThat(p.similarity()).isLessThan(RetrievalSettings.DEFAULT_MIN_PATTERN_SIMILARITY));
        assertThat(memory.findPatterns("serve a REST endpoint returning JSON", 3))
                .isEmpty();
        assertThat(memory.findPatterns("parse a CSV file into a list of dictionaries", 3))
                .singleElement()
                .satisfies(p -> assertThat(p.pattern().id()).isEqualTo(id(1)));
    }

    @Test
    void redactsSecretsBeforeStoring() {
        memory.recordTask(task(1, "deploy with token " + SecretSamples.GITHUB, T0));
        FailureRecord f = failure(1, id(1), "HTTPError", "401 Client Error", SecretSamples.OUTPUT, SecretSamples.CODE);
        memory.recordFailure(f);
        memory.recordFix(new FixRecord(
                f.id(),
                id(1),
                2,
                "-password=\"" + SecretSamples.PASSWORD + "\"\n+password=os.environ['PW']\n",
                true,
                T0));

        TaskDetail detail = memory.task(id(1).toString()).orElseThrow();
        String stored = detail.toString()
                + ranking(FailureQuery.similarTo(f)).toString()
                + memory.history(HistoryQuery.latest(10)).toString();
        SecretSamples.ALL.forEach(secret -> assertThat(stored).doesNotContain(secret));
        assertThat(stored).contains("[REDACTED");
    }

    @Test
    void reembedsEveryStoredRow() {
        storeThreeKinds();
        memory.recordPattern(
                new SuccessPattern(id(7), id(1), "sum a list", Language.PYTHON, ProjectType.LIBRARY, "use sum", 1, T0));
        int[] last = new int[2];
        int n = memory.reembed((done, total) -> {
            last[0] = done;
            last[1] = total;
        });
        assertThat(n).isEqualTo(4);
        assertThat(last).containsExactly(4, 4);
        assertThat(ranking(FailureQuery.similarTo(nameError(9, id(9))))
                        .get(0)
                        .failure()
                        .id())
                .isEqualTo(id(1001));
    }

    @Test
    void reportsHealthAndStats() {
        storeThreeKinds();
        MemoryHealth health = memory.health();
        assertThat(health.ok()).as(health.problems().toString()).isTrue();
        assertThat(health.modelMatches()).isTrue();
        MemoryStats stats = memory.stats();
        assertThat(stats.failures()).isEqualTo(3);
        assertThat(stats.fixes()).isEqualTo(1);
        assertThat(stats.spoolBacklog()).isZero();
        assertThat(stats.embeddingModel()).isNotBlank();
    }

    // ---- repository mode ---------------------------------------------------------------------------------------

    static final RepositoryInfo SHOP = new RepositoryInfo(
            "shop",
            "/home/me/shop",
            "git@example.org:acme/shop.git",
            "main",
            "0123456789abcdef0123456789abcdef01234567");
    static final RepositoryInfo BLOG = new RepositoryInfo(
            "blog",
            "/home/me/blog",
            "https://example.org/acme/blog.git",
            "HEAD",
            "89abcdef0123456789abcdef0123456789abcdef");

    static final String PATCH = """
            --- a/shop/cart.py
            +++ b/shop/cart.py
            @@ -1,2 +1,2 @@
             def total(xs):
            -    return sum_all(xs)
            +    return sum(xs)
            """;

    static HandoffRecord handoff() {
        return new HandoffRecord(
                "agentloop/00005eed",
                "fedcba9876543210fedcba9876543210fedcba98",
                "/home/me/.agentloop/workspace/00005eed/agentloop.patch",
                PATCH,
                false,
                List.of("shop/cart.py"),
                " shop/cart.py | 2 +-\n 1 file changed, 1 insertion(+), 1 deletion(-)\n");
    }

    @Test
    void keepsTheRepositoryTheFilesInvolvedAndTheHandoffOfARepositoryTask() {
        memory.recordTask(task(1, "fix the cart total", T0).withRepository(SHOP));
        FailureRecord f =
                nameError(1, id(1)).withRepository(SHOP).withFiles(List.of("shop/cart.py", "tests/test_cart.py"));
        memory.recordFailure(f);
        memory.completeTask(
                new TaskCompletion(id(1), TaskStatus.SOLVED, "", 2, 900, 0.0, Duration.ofSeconds(8), T0.plusSeconds(8))
                        .withHandoff(handoff()));

        TaskDetail detail = memory.task(id(1).toString()).orElseThrow();

        assertThat(detail.repository()).contains(SHOP);
        assertThat(detail.handoff()).contains(handoff());
        assertThat(detail.failures()).singleElement().satisfies(stored -> {
            assertThat(stored.repository()).contains(SHOP);
            assertThat(stored.files()).containsExactly("shop/cart.py", "tests/test_cart.py");
        });
        assertThat(memory.history(HistoryQuery.latest(5))).singleElement().satisfies(s -> {
            assertThat(s.repository()).contains(SHOP);
            assertThat(s.handoff()).contains(handoff());
        });
        assertThat(ranking(FailureQuery.similarTo(nameError(9, id(9))))).first().satisfies(m -> {
            assertThat(m.failure().repository()).contains(SHOP);
            assertThat(m.failure().files()).containsExactly("shop/cart.py", "tests/test_cart.py");
        });
    }

    @Test
    void aTaskOnANewModuleHasNoRepositoryFilesOrHandoff() {
        memory.recordTask(task(1, "sum a list", T0));
        memory.recordFailure(nameError(1, id(1)));
        memory.completeTask(new TaskCompletion(
                id(1), TaskStatus.SOLVED, "", 2, 900, 0.0, Duration.ofSeconds(8), T0.plusSeconds(8)));

        TaskDetail detail = memory.task(id(1).toString()).orElseThrow();

        assertThat(detail.repository()).isEmpty();
        assertThat(detail.handoff()).isEmpty();
        assertThat(detail.failures()).singleElement().satisfies(stored -> {
            assertThat(stored.repository()).isEmpty();
            assertThat(stored.files()).isEmpty();
        });
    }

    @Test
    void storesRepositoryLocationsAndRemotesWithoutCredentials() {
        String secret = "s3cr3t-T0ken-value";
        RepositoryInfo cloned = new RepositoryInfo(
                "shop",
                "https://alice:" + secret + "@example.org/acme/shop.git",
                "https://" + SecretSamples.GITHUB + "@example.org/acme/shop.git",
                "main",
                SHOP.baseCommit());
        memory.recordTask(task(1, "fix the cart total", T0).withRepository(cloned));
        memory.recordFailure(nameError(1, id(1)).withRepository(cloned));

        TaskDetail detail = memory.task(id(1).toString()).orElseThrow();
        RepositoryInfo clean = new RepositoryInfo(
                "shop",
                "https://example.org/acme/shop.git",
                "https://example.org/acme/shop.git",
                "main",
                SHOP.baseCommit());

        assertThat(detail.repository()).contains(clean);
        assertThat(detail.failures().get(0).repository()).contains(clean);
        String stored = detail
                + memory.history(HistoryQuery.latest(5)).toString()
                + ranking(FailureQuery.similarTo(nameError(9, id(9))));
        assertThat(stored).doesNotContain(secret, "alice", SecretSamples.GITHUB);
    }

    @Test
    void prefersFailuresOfTheSameRepositoryThenOfTheSameLanguage() {
        // Three failures with the same text: only their repository, language and fix differ.
        FailureRecord shopPython = failureIn(1, SHOP, Language.PYTHON);
        FailureRecord blogPython = failureIn(2, BLOG, Language.PYTHON);
        FailureRecord blogJavaScript = failureIn(3, BLOG, Language.JAVASCRIPT);
        List<String> addedLines =
                List.of("    return sum(xs)", "    return sum(list(xs))", "    return xs and sum(xs)");
        List<FailureRecord> all = List.of(shopPython, blogPython, blogJavaScript);
        for (int i = 0; i < all.size(); i++) {
            FailureRecord f = all.get(i);
            memory.recordTask(task(i + 1, "sum a list", T0.plusSeconds(i))
                    .withRepository(f.repository().orElseThrow()));
            memory.recordFailure(f);
            memory.recordFix(new FixRecord(
                    f.id(),
                    f.taskId(),
                    2,
                    "--- a/solution.py\n+++ b/solution.py\n@@ -1 +1 @@\n-    return sum_all(xs)\n+" + addedLines.get(i)
                            + "\n",
                    true,
                    T0.plusSeconds(60)));
        }

        List<FailureMatch> fromShop = ranking(
                FailureQuery.similarTo(failureIn(9, SHOP, Language.PYTHON)).withLimit(3));
        List<FailureMatch> fromBlogInJavaScript = ranking(
                FailureQuery.similarTo(failureIn(9, BLOG, Language.JAVASCRIPT)).withLimit(3));

        assertThat(fromShop)
                .extracting(m -> m.failure().id())
                .containsExactly(shopPython.id(), blogPython.id(), blogJavaScript.id());
        assertThat(fromBlogInJavaScript)
                .extracting(m -> m.failure().id())
                .containsExactly(blogJavaScript.id(), blogPython.id(), shopPython.id());
    }

    private static FailureRecord failureIn(int n, RepositoryInfo repository, Language language) {
        FailureRecord f = nameError(n, id(n)).withRepository(repository);
        return new FailureRecord(
                f.id(),
                f.taskId(),
                f.iteration(),
                f.signature(),
                f.errorType(),
                f.message(),
                f.failingTest(),
                language,
                f.project(),
                f.taskText(),
                f.codeExcerpt(),
                f.outputExcerpt(),
                f.recordedAt(),
                f.repository(),
                f.files());
    }
}
