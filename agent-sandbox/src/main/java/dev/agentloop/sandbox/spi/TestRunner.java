package dev.agentloop.sandbox.spi;

import dev.agentloop.core.Language;
import dev.agentloop.core.spi.TestReport;
import dev.agentloop.core.spi.TestRequest;

/**
 * Runs one language's tests inside a sandbox session and turns the runner's machine-readable output into a
 * {@link TestReport} with one entry per test case. Adding a language (Java with the JUnit console launcher, say)
 * is one implementation of this interface, registered with the sandbox's builder.
 */
public interface TestRunner {

    /** {@return the language whose tests this runner runs} */
    Language language();

    /**
     * Runs the tests. Never throws for failing, missing or uncollectable tests: those are outcomes of the report.
     *
     * @param request the files to run (empty for the runner's discovery) and the time limit
     * @param context how to run commands in the session and read the files they leave behind
     * @return the report, never null
     * @throws dev.agentloop.core.spi.SandboxException only when the sandbox itself fails
     */
    TestReport run(TestRequest request, TestRunContext context);
}
