package dev.agentloop.core.spi;

import dev.agentloop.core.Language;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Which tests to run in a {@link SandboxSession}.
 *
 * @param language picks the runner (pytest, {@code node --test}, ...)
 * @param testFiles test files or test ids relative to the workspace root (e.g. {@code tests/test_x.py::test_y} for
 *     pytest); empty means the runner's own discovery
 * @param timeout limit for the whole run; {@code null} for the sandbox's default
 * @param command a project's own test command, run by {@code sh -c} in the workspace instead of the language's
 *     runner; its report comes from the exit status and the output's failing lines. Empty for the runner.
 */
public record TestRequest(Language language, List<String> testFiles, Duration timeout, String command) {

    /**
     * Checks the components; the test files are copied, a null command becomes empty.
     *
     * @param language picks the runner (pytest, {@code node --test}, ...)
     * @param testFiles test files or test ids relative to the workspace root (e.g. {@code tests/test_x.py::test_y} for
     *     pytest); empty means the runner's own discovery
     * @param timeout limit for the whole run; {@code null} for the sandbox's default
     * @param command a project's own test command, run by {@code sh -c} in the workspace instead of the language's
     *     runner; its report comes from the exit status and the output's failing lines. Empty for the runner.
     */
    public TestRequest {
        Objects.requireNonNull(language, "language");
        testFiles = List.copyOf(testFiles);
        command = command == null ? "" : command.strip();
    }

    /**
     * The language's runner on these files.
     *
     * @param language picks the runner
     * @param testFiles test files or ids relative to the workspace root
     * @param timeout the limit for the whole run; {@code null} for the sandbox's default
     */
    public TestRequest(Language language, List<String> testFiles, Duration timeout) {
        this(language, testFiles, timeout, "");
    }

    /**
     * {@return the language's runner on these files with the sandbox's default timeout}
     *
     * @param language picks the runner
     * @param testFiles test files or ids relative to the workspace root
     */
    public static TestRequest of(Language language, List<String> testFiles) {
        return new TestRequest(language, testFiles, null);
    }

    /**
     * {@return a project's own test command}
     *
     * @param language the language of the project
     * @param command run by {@code sh -c} in the workspace
     * @param timeout the limit for the whole run; {@code null} for the sandbox's default
     */
    public static TestRequest command(Language language, String command, Duration timeout) {
        return new TestRequest(language, List.of(), timeout, command);
    }

    /** {@return true when this runs a project's own command rather than the language's runner} */
    public boolean isCommand() {
        return !command.isEmpty();
    }
}
