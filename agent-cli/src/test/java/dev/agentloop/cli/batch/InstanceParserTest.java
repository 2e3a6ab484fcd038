package dev.agentloop.cli.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentloop.core.Language;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each field of the task line format, and the one-sentence problem of each bad line. */
class InstanceParserTest {

    @TempDir
    Path temp;

    private static String problem(String line) {
        try {
            InstanceParser.parse(line, 9);
        } catch (InvalidInstanceException e) {
            assertThat(e.line()).isEqualTo(9);
            return e.describe();
        }
        throw new AssertionError("parsed: " + line);
    }

    @Test
    void readsEveryFieldOfAGreenfieldAndARepositoryInstance() {
        BatchInstance green = InstanceParser.parse(
                "{\"id\":\"a\",\"language\":\"javascript\",\"task\":\"Write chunk()\",\"project\":\"p\","
                        + "\"tests\":{\"given.test.js\":\"x\"},\"hidden_tests\":{\"./sub/hidden.test.js\":\"y\"},"
                        + "\"gold_patch\":\"--- /dev/null\\n+++ b/chunk.js\\n@@ -0,0 +1 @@\\n+z\\n\"}",
                3);
        assertThat(green.line()).isEqualTo(3);
        assertThat(green.language()).isEqualTo(Language.JAVASCRIPT);
        assertThat(green.task()).contains("Write chunk()");
        assertThat(green.isRepository()).isFalse();
        assertThat(green.tests()).isEqualTo(Map.of("given.test.js", "x"));
        assertThat(green.hiddenTests()).isEqualTo(Map.of("sub/hidden.test.js", "y"));
        assertThat(green.group()).isEqualTo("p");

        BatchInstance repo = InstanceParser.parse(
                "{\"id\":\"b\",\"language\":\"python\",\"repo\":\"projects/slug\",\"base\":\"abc123\","
                        + "\"failing_tests\":[\"tests/test_a.py::test_x\"],\"test_command\":\"pytest -q\","
                        + "\"version\":\"1.2\",\"gold_files\":[\"slug.py\"],\"gold_functions\":[\"slugify\"]}",
                4);
        assertThat(repo.repo()).contains(new BatchInstance.RepoRef("projects/slug", "abc123"));
        assertThat(repo.task()).isEmpty();
        assertThat(repo.failingTests()).containsExactly("tests/test_a.py::test_x");
        assertThat(repo.testCommand()).isEqualTo("pytest -q");
        assertThat(repo.goldFiles()).containsExactly("slug.py");
        assertThat(repo.goldFunctions()).containsExactly("slugify");
        assertThat(repo.group()).isEqualTo("(none)");
    }

    @Test
    void eachBadLineGetsOneSentenceNamingItsLineAndId() {
        assertThat(problem("[1,2]")).isEqualTo("line 9: not a JSON object; each line must be one task object.");
        assertThat(problem("{\"id\":")).startsWith("line 9: not valid JSON (");
        assertThat(problem("{\"id\":\"x\",\"language\":\"python\",\"task\":\"t\",\"hiden_tests\":{}}"))
                .startsWith("line 9 (x): unknown field 'hiden_tests'; the fields are id, language, task,");
        assertThat(problem("{\"language\":\"python\",\"task\":\"t\"}"))
                .isEqualTo("line 9: no id: every task needs an \"id\" string, unique in the file.");
        assertThat(problem("{\"id\":\"x\",\"task\":\"t\"}")).contains("(x): no language");
        assertThat(problem("{\"id\":\"x\",\"language\":\"cobol\",\"task\":\"t\"}"))
                .contains("language 'cobol' is not one of python, javascript, java.");
        assertThat(problem("{\"id\":\"x\",\"language\":\"python\"}"))
                .contains("needs either task (the text of a task in an empty folder) or repo + base.");
        assertThat(problem("{\"id\":\"x\",\"language\":\"python\",\"repo\":\"r\"}"))
                .contains("repo needs base");
        assertThat(problem("{\"id\":\"x\",\"language\":\"python\",\"task\":\"t\",\"base\":\"abc\"}"))
                .contains("base is given without repo");
        assertThat(problem("{\"id\":\"x\",\"language\":\"python\",\"task\":\"t\",\"failing_tests\":[\"a\"]}"))
                .contains("failing_tests and test_command belong to repository instances");
        assertThat(problem("{\"id\":\"x\",\"language\":\"python\",\"task\":\"t\",\"hidden_tests\":{\"../t.py\":\"\"}}"))
                .contains("hidden_tests: '../t.py' is not a relative path inside the workspace.");
        assertThat(problem("{\"id\":\"x\",\"language\":\"python\",\"task\":\"t\",\"tests\":{\"/abs.py\":\"\"}}"))
                .contains("tests: '/abs.py' is not a relative path");
        assertThat(problem("{\"id\":\"x\",\"language\":\"python\",\"task\":\"t\",\"tests\":[\"a\"]}"))
                .contains("tests must be an object of file path -> content, was array.");
        assertThat(problem("{\"id\":\"x\",\"language\":\"python\",\"task\":\"t\",\"tests\":{\"t.py\":\"a\"},"
                        + "\"hidden_tests\":{\"t.py\":\"b\"}}"))
                .contains("hidden_tests and tests both name t.py");
        assertThat(problem("{\"id\":\"x\",\"language\":\"python\",\"task\":3}"))
                .contains("task must be a string, was number.");
        assertThat(problem("{\"id\":\"x\",\"language\":\"python\",\"task\":\"t\",\"id\":\"y\"}"))
                .startsWith("line 9: not valid JSON (Duplicate field 'id'");
    }

    @Test
    void aFileKeepsGoodLinesAndNamesRepeatedIds() throws Exception {
        Path file = temp.resolve("t.jsonl");
        Files.writeString(
                file,
                "{\"id\":\"a\",\"language\":\"python\",\"task\":\"t\"}\n\n"
                        + "oops\n"
                        + "{\"id\":\"a\",\"language\":\"python\",\"task\":\"t\"}\n"
                        + "{\"id\":\"b\",\"language\":\"python\",\"task\":\"t\"}");
        BatchFile batch = BatchFile.read(file);
        assertThat(batch.instances()).extracting(BatchInstance::id).containsExactly("a", "b");
        assertThat(batch.invalid())
                .extracting(InvalidInstanceException::describe)
                .containsExactly(
                        "line 3: not valid JSON (Unrecognized token 'oops': was expecting (JSON String, Number,"
                                + " Array, Object or token 'null', 'true' or 'false')).",
                        "line 4 (a): the id a is already used on line 1.");
        assertThat(batch.sha256()).hasSize(64);
        assertThat(batch.instance("b")).isPresent();
    }

    @Test
    void goldPatchesOfATaskInAnEmptyFolderOnlyCreateFiles() {
        assertThat(GoldPatch.filesCreated("--- /dev/null\n+++ b/pkg/mod.py\n@@ -0,0 +1,2 @@\n+a\n+b\n"
                        + "--- /dev/null\n+++ b/raw.txt\n@@ -0,0 +1 @@\n+z\n\\ No newline at end of file\n"))
                .containsExactly(Map.entry("pkg/mod.py", "a\nb\n"), Map.entry("raw.txt", "z"));
        for (String bad : List.of(
                "--- a/x.py\n+++ b/x.py\n@@ -1 +1 @@\n-a\n+b\n",
                "not a diff at all",
                "--- /dev/null\n+++ b/../escape.py\n@@ -0,0 +1 @@\n+a\n",
                "--- /dev/null\n+++ b/x.py\n@@ -0,0 +1 @@\n+a\n--- /dev/null\n+++ b/x.py\n@@ -0,0 +1 @@\n+b\n")) {
            assertThatThrownBy(() -> GoldPatch.filesCreated(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void everyShippedHumanEvalLineParsesAndItsGoldPatchCreatesSolutionPy() throws Exception {
        BatchFile batch = BatchFile.read(Path.of("..", "benchmarks", "humaneval", "tasks.jsonl"));
        assertThat(batch.invalid()).isEmpty();
        assertThat(batch.instances()).hasSize(164);
        GreenfieldInstances greenfield = new GreenfieldInstances(java.time.Duration.ofMinutes(1));
        for (BatchInstance i : batch.instances()) {
            greenfield.check(i, true);
            assertThat(GoldPatch.filesCreated(i.goldPatch().orElseThrow())).containsOnlyKeys("solution.py");
            assertThat(i.hiddenTests()).containsOnlyKeys("test_humaneval_hidden.py");
            assertThat(i.task().orElseThrow()).doesNotContain("def check(candidate)");
        }
    }
}
