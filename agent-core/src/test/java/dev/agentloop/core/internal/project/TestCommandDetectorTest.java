package dev.agentloop.core.internal.project;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentloop.core.Language;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestCommandDetectorTest {

    @TempDir
    Path root;

    @Test
    void pytestIsFoundFromItsConfigFilesAndFolders() throws Exception {
        assertThat(TestCommandDetector.detect(root, Language.PYTHON, "")).isEmpty();
        Files.writeString(root.resolve("setup.cfg"), "[metadata]\nname = x\n\n[tool:pytest]\naddopts = -q\n");
        assertThat(TestCommandDetector.detect(root, Language.PYTHON, "")
                        .orElseThrow()
                        .origin())
                .isEqualTo("setup.cfg");
        Files.writeString(root.resolve("pytest.ini"), "[pytest]\n");
        TestCommand found =
                TestCommandDetector.detect(root, Language.PYTHON, "").orElseThrow();
        assertThat(found.runner()).isEqualTo(TestCommand.Runner.PYTEST);
        assertThat(found.origin()).isEqualTo("pytest.ini");
    }

    @Test
    void aTestsFolderIsEnoughForPytest() throws Exception {
        Files.createDirectories(root.resolve("tests"));
        assertThat(TestCommandDetector.detect(root, Language.PYTHON, "")
                        .orElseThrow()
                        .describe())
                .isEqualTo("python3 -m pytest (from a tests/ folder)");
    }

    @Test
    void packageJsonScriptsTestPicksTheNodeRunnerOrTheProjectsCommand() throws Exception {
        Files.writeString(root.resolve("package.json"), "{\"scripts\": {\"test\": \"node --test test/\"}}");
        assertThat(TestCommandDetector.detect(root, Language.JAVASCRIPT, "")
                        .orElseThrow()
                        .runner())
                .isEqualTo(TestCommand.Runner.NODE_TEST);
        Files.writeString(root.resolve("package.json"), "{\"scripts\": {\"test\": \"mocha test/*.js\"}}");
        TestCommand mocha =
                TestCommandDetector.detect(root, Language.JAVASCRIPT, "").orElseThrow();
        assertThat(mocha.runner()).isEqualTo(TestCommand.Runner.COMMAND);
        assertThat(mocha.command()).endsWith("mocha test/*.js");
        assertThat(TestCommandDetector.language(root)).contains(Language.JAVASCRIPT);
    }

    @Test
    void anExplicitCommandWins() throws Exception {
        Files.writeString(root.resolve("pytest.ini"), "[pytest]\n");
        TestCommand given =
                TestCommandDetector.detect(root, Language.PYTHON, "make check").orElseThrow();
        assertThat(given.runner()).isEqualTo(TestCommand.Runner.COMMAND);
        assertThat(given.command()).isEqualTo("make check");
    }
}
