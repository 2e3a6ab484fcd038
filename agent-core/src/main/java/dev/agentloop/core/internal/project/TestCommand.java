package dev.agentloop.core.internal.project;

import dev.agentloop.core.Language;
import dev.agentloop.core.spi.TestRequest;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a project's tests are run: the language's runner (which can select single tests and reads a machine report) or
 * the project's own command (whole suite, judged by exit status and failing lines).
 *
 * @param runner which kind
 * @param language the project's language
 * @param command the command as a person would type it (for COMMAND, the one run)
 * @param origin where it came from, e.g. {@code pytest.ini}, {@code package.json scripts.test}, {@code --test-cmd}
 */
public record TestCommand(Runner runner, Language language, String command, String origin) {

    /** The kinds of test command. */
    public enum Runner {
        /** pytest, through the sandbox's pytest runner (JUnit XML report, test ids selectable). */
        PYTEST,
        /** {@code node --test}, through the sandbox's node runner (TAP report, test files selectable). */
        NODE_TEST,
        /** The project's own command, run by {@code sh -c}. */
        COMMAND
    }

    public TestCommand {
        Objects.requireNonNull(runner, "runner");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(command, "command");
        origin = origin == null ? "" : origin;
    }

    /** True when single tests (pytest ids, node test files) can be run alone. */
    public boolean selectable() {
        return runner != Runner.COMMAND;
    }

    /** The whole suite. */
    public TestRequest suite(Duration timeout) {
        return runner == Runner.COMMAND
                ? TestRequest.command(language, command, timeout)
                : new TestRequest(language, List.of(), timeout);
    }

    /** Only these tests (ids for pytest, files for node); the whole suite for a command. */
    public TestRequest only(List<String> tests, Duration timeout) {
        return runner == Runner.COMMAND || tests.isEmpty() ? suite(timeout) : new TestRequest(language, tests, timeout);
    }

    /** One line: the command and where it came from. */
    public String describe() {
        return command + (origin.isEmpty() ? "" : " (from " + origin + ")");
    }
}
