package dev.agentloop.sandbox;

import java.util.Objects;
import java.util.Set;

/**
 * What the static scan of generated code does and which of its findings stop a run before the code executes.
 * Findings of other rules are reported (they go to the AUDIT phase) but do not block.
 *
 * @param blockingRules rule ids whose findings block, e.g. {@code python.os-system}; default
 *     {@link #DEFAULT_BLOCKING}
 * @param bandit whether the Python scan also runs {@code bandit} when the image has it; default {@code true}
 * @param beforeTests whether {@code runTests} scans the source files that changed since the last scan and refuses
 *     to run when a blocking finding is present; default {@code true}
 */
public record ScanPolicy(Set<String> blockingRules, boolean bandit, boolean beforeTests) {

    /** Blocking by default: shelling out from generated code. */
    public static final Set<String> DEFAULT_BLOCKING = Set.of(
            "python.os-system",
            "python.subprocess-shell",
            "javascript.child-process",
            "java.runtime-exec",
            "java.process-builder");

    /**
     * Copies the rule set.
     *
     * @param blockingRules rule ids whose findings block, e.g. {@code python.os-system}; default
     *     {@link #DEFAULT_BLOCKING}
     * @param bandit whether the Python scan also runs {@code bandit} when the image has it; default {@code true}
     * @param beforeTests whether {@code runTests} scans the source files that changed since the last scan and refuses
     *     to run when a blocking finding is present; default {@code true}
     */
    public ScanPolicy {
        blockingRules = Set.copyOf(Objects.requireNonNull(blockingRules, "blockingRules"));
    }

    /** {@return the defaults of {@code config/agent.yaml}'s {@code scan:} section} */
    public static ScanPolicy defaults() {
        return new ScanPolicy(DEFAULT_BLOCKING, true, true);
    }

    /**
     * {@return a copy with bandit on or off}
     *
     * @param value whether the Python scan also runs {@code bandit}
     */
    public ScanPolicy withBandit(boolean value) {
        return new ScanPolicy(blockingRules, value, beforeTests);
    }

    /**
     * {@return a copy that scans before tests, or not}
     *
     * @param value whether {@code runTests} scans changed files first
     */
    public ScanPolicy withBeforeTests(boolean value) {
        return new ScanPolicy(blockingRules, bandit, value);
    }

    /**
     * {@return a copy with other blocking rules}
     *
     * @param value rule ids whose findings block
     */
    public ScanPolicy withBlockingRules(Set<String> value) {
        return new ScanPolicy(value, bandit, beforeTests);
    }

    /**
     * {@return true when findings of {@code rule} block}
     *
     * @param rule a rule id, e.g. {@code python.os-system}
     */
    public boolean blocks(String rule) {
        return blockingRules.contains(rule);
    }
}
