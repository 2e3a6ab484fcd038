package dev.agentloop.core.spi;

import java.util.Objects;

/**
 * One finding of the sandbox's static scan of generated code.
 *
 * @param rule the rule's id, e.g. {@code python.eval} or {@code bandit.B602}
 * @param severity how bad it is
 * @param file path relative to the workspace
 * @param line 1-based line, 0 when unknown
 * @param message what was found, for a person and for the auditor
 * @param blocking true when config says this finding stops the run before the code executes
 */
public record ScanFinding(String rule, ScanSeverity severity, String file, int line, String message, boolean blocking) {

    /**
     * Checks the components; a null file or message becomes empty.
     *
     * @param rule the rule's id, e.g. {@code python.eval} or {@code bandit.B602}
     * @param severity how bad it is
     * @param file path relative to the workspace
     * @param line 1-based line, 0 when unknown
     * @param message what was found, for a person and for the auditor
     * @param blocking true when config says this finding stops the run before the code executes
     */
    public ScanFinding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(severity, "severity");
        file = file == null ? "" : file;
        message = message == null ? "" : message;
    }
}
