package dev.agentloop.core.internal.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentloop.core.Language;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds how a project runs its tests: an explicit command wins; else pytest for Python (pytest.ini, pyproject.toml's
 * {@code [tool.pytest...]}, setup.cfg's or tox.ini's {@code [tool:pytest]}/{@code [pytest]}, or a tests folder or
 * {@code test_*.py} files); else for JavaScript {@code package.json}'s {@code scripts.test} (as the node runner when
 * it runs {@code node --test}, else as the project's command), else {@code node --test}.
 */
public final class TestCommandDetector {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PYTEST_SECTION =
            Pattern.compile("(?m)^\\s*\\[(?:tool\\.pytest[^\\]]*|tool:pytest|pytest)\\]\\s*$");

    /** What detection looks for, for the error when nothing is found. */
    public static final String LOOKED_FOR = "pytest.ini, a [tool.pytest.ini_options] section in pyproject.toml, a"
            + " [tool:pytest] section in setup.cfg or a [pytest] section in tox.ini, a tests/ or test/ folder or"
            + " test_*.py files (Python); package.json with scripts.test, or *.test.js files (JavaScript)";

    private TestCommandDetector() {}

    /**
     * @param override the user's command ({@code --test-cmd} or {@code repo.test-command}); blank to detect
     * @return empty when nothing was found
     */
    public static Optional<TestCommand> detect(Path root, Language language, String override) {
        if (override != null && !override.isBlank()) {
            return Optional.of(new TestCommand(TestCommand.Runner.COMMAND, language, override.strip(), "the task"));
        }
        return switch (language) {
            case PYTHON -> python(root);
            case JAVASCRIPT -> javascript(root);
            case JAVA -> Optional.empty();
        };
    }

    /**
     * The project's language from its files: package.json → JavaScript; pom.xml → Java; Python markers → Python.
     *
     * @return empty when nothing tells
     */
    public static Optional<Language> language(Path root) {
        if (Files.isRegularFile(root.resolve("package.json"))) {
            return Optional.of(Language.JAVASCRIPT);
        }
        for (String marker : List.of("pyproject.toml", "setup.py", "setup.cfg", "pytest.ini", "tox.ini")) {
            if (Files.isRegularFile(root.resolve(marker))) {
                return Optional.of(Language.PYTHON);
            }
        }
        if (Files.isRegularFile(root.resolve("pom.xml"))) {
            return Optional.of(Language.JAVA);
        }
        if (hasFiles(root, ".py")) {
            return Optional.of(Language.PYTHON);
        }
        if (hasFiles(root, ".js")) {
            return Optional.of(Language.JAVASCRIPT);
        }
        return Optional.empty();
    }

    private static Optional<TestCommand> python(Path root) {
        String pytest = "python3 -m pytest";
        if (Files.isRegularFile(root.resolve("pytest.ini"))) {
            return Optional.of(pytest(pytest, "pytest.ini"));
        }
        for (String file : List.of("pyproject.toml", "setup.cfg", "tox.ini")) {
            if (PYTEST_SECTION.matcher(read(root.resolve(file))).find()) {
                return Optional.of(pytest(pytest, file));
            }
        }
        for (String folder : List.of("tests", "test", "testing")) {
            if (Files.isDirectory(root.resolve(folder))) {
                return Optional.of(pytest(pytest, "a " + folder + "/ folder"));
            }
        }
        if (hasTestFiles(root)) {
            return Optional.of(pytest(pytest, "test_*.py files"));
        }
        return Optional.empty();
    }

    private static TestCommand pytest(String command, String origin) {
        return new TestCommand(TestCommand.Runner.PYTEST, Language.PYTHON, command, origin);
    }

    private static Optional<TestCommand> javascript(Path root) {
        Path manifest = root.resolve("package.json");
        if (Files.isRegularFile(manifest)) {
            try {
                JsonNode test = JSON.readTree(manifest.toFile()).path("scripts").path("test");
                String script = test.isTextual() ? test.asText().strip() : "";
                if (script.matches("node\\s+--test(\\s+.*)?")) {
                    return Optional.of(new TestCommand(
                            TestCommand.Runner.NODE_TEST, Language.JAVASCRIPT, script, "package.json scripts.test"));
                }
                if (!script.isEmpty() && !script.contains("no test specified")) {
                    return Optional.of(new TestCommand(
                            TestCommand.Runner.COMMAND,
                            Language.JAVASCRIPT,
                            "PATH=\"$PWD/node_modules/.bin:$PATH\" " + script,
                            "package.json scripts.test"));
                }
            } catch (IOException e) {
                // an unreadable package.json: fall back to node's own discovery, which reports its own errors
            }
            return Optional.of(
                    new TestCommand(TestCommand.Runner.NODE_TEST, Language.JAVASCRIPT, "node --test", "package.json"));
        }
        if (hasFiles(root, ".test.js")) {
            return Optional.of(new TestCommand(
                    TestCommand.Runner.NODE_TEST, Language.JAVASCRIPT, "node --test", "*.test.js files"));
        }
        return Optional.empty();
    }

    private static String read(Path file) {
        try {
            return Files.isRegularFile(file) && Files.size(file) < 1_000_000 ? Files.readString(file) : "";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static boolean hasTestFiles(Path root) {
        try (Stream<Path> walk = Files.walk(root, 3)) {
            return walk.anyMatch(p -> {
                String name = p.getFileName().toString();
                return (name.startsWith("test_") && name.endsWith(".py")) || name.endsWith("_test.py");
            });
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean hasFiles(Path root, String ending) {
        try (Stream<Path> walk = Files.walk(root, 3)) {
            return walk.anyMatch(p -> !p.toString().contains("node_modules")
                    && p.getFileName().toString().endsWith(ending));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
