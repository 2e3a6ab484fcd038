package dev.agentloop.core.spi;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/** One task's sandbox. Holds a resource (a container, a process group): always close it. */
public interface SandboxSession extends AutoCloseable {

    /** {@return the task's workspace on the host} */
    Path workspace();

    /**
     * Writes a file into the workspace.
     *
     * @param relativePath a path relative to the workspace root; absolute paths and {@code ..} are rejected
     * @param content the file's text (UTF-8)
     * @throws IllegalArgumentException naming the path when it would escape the workspace
     */
    void writeFile(String relativePath, String content);

    /**
     * Runs a command after the execution hooks have checked it. A refused command is never run and comes back
     * with {@link ExecStatus#BLOCKED} and the rule that matched.
     *
     * @param request the command, its working directory, environment and time limit
     * @return its exit status, stdout and stderr apart; {@link ExecStatus#BLOCKED} when refused
     * @throws SandboxException when the sandbox itself fails (not when the command fails)
     */
    ExecResult exec(ExecRequest request);

    /**
     * Runs the task's tests and parses the runner's report.
     *
     * @param request the test files or command and the time limit
     * @return the parsed report
     * @throws SandboxException when the sandbox itself fails (not when the tests fail)
     */
    TestReport runTests(TestRequest request);

    /**
     * Scans generated source files before they run. Blocking findings (per config) are marked so.
     *
     * @param relativePaths files relative to the workspace root
     * @return the findings, blocking ones marked; empty when clean
     */
    List<ScanFinding> scan(Collection<String> relativePaths);

    /**
     * What the sandbox offers the code, for prompts: the language's version and the packages installed, e.g.
     * {@code Python 3.11.2; packages: pytest 7.2.1, ...}. Detected once per image (or host) and kept.
     *
     * @return one or two lines; empty when unknown (the default)
     */
    default String environment() {
        return "";
    }

    /** Removes the container or kills the process group. Idempotent; never throws for an already-gone sandbox. */
    @Override
    void close();
}
