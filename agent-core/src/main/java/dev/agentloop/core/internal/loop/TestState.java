package dev.agentloop.core.internal.loop;

import dev.agentloop.core.spi.TestReport;
import java.util.List;

/**
 * The run's tests: the files the Tester wrote, whether they must be (re)written and what to change, and the latest
 * report, which TEST hands to REFLECT.
 */
final class TestState {

    private List<String> files = List.of();
    private List<String> given = List.of();
    private boolean writeNeeded = true;
    private String revision = "";
    private TestReport latestReport;

    /** The test files, relative to the workspace: the task's given ones and the Tester's. */
    List<String> files() {
        if (given.isEmpty()) {
            return files;
        }
        java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>(given);
        all.addAll(files);
        return List.copyOf(all);
    }

    /** The task's acceptance tests were written into the workspace (they run with the Tester's). */
    void given(List<String> testFiles) {
        this.given = List.copyOf(testFiles);
    }

    boolean writeNeeded() {
        return writeNeeded;
    }

    /** Why the tests are being rewritten (the Reflector's diagnosis); empty for the first suite. */
    String revision() {
        return revision;
    }

    /** The Tester's files were applied. */
    void written(List<String> testFiles) {
        this.files = List.copyOf(testFiles);
        this.writeNeeded = false;
        this.revision = "";
    }

    /** The Reflector found the tests themselves wrong: TEST rewrites them next time, told why. */
    void revise(String diagnosis) {
        this.writeNeeded = true;
        this.revision = diagnosis;
    }

    void reported(TestReport report) {
        this.latestReport = report;
    }

    /** The report of the last test run; null before the first. */
    TestReport latestReport() {
        return latestReport;
    }
}
