package dev.agentloop.core.spi;

import dev.agentloop.core.Language;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Which tests to run in a {@link SandboxSession}.
 *
 * @param language picks the runner (pytest, {@code node --test}, ...)
 * @param testFiles test files relative to the workspace root; empty means the runner's own discovery
 * @param timeout limit for the whole run; {@code null} for the sandbox's default
 */
public record TestRequest(Language language, List<String> testFiles, Duration timeout) {

    public TestRequest {
        Objects.requireNonNull(language, "language");
        testFiles = List.copyOf(testFiles);
    }

    public static TestRequest of(Language language, List<String> testFiles) {
        return new TestRequest(language, testFiles, null);
    }
}
