package dev.agentloop.memory;

import dev.agentloop.core.spi.FailureRecord;
import dev.agentloop.memory.internal.AssertionFeatures;
import dev.agentloop.memory.internal.FailureTexts;

/**
 * Which text of a failure is embedded. Measured on failbench (see {@code docs/benchmarks.md}); the default is the
 * one that ranked best there.
 */
public enum EmbeddedText {
    /** Signature, normalised message, failing test and the failed assertion's relation words. */
    SIGNATURE,
    /** {@link #SIGNATURE} plus the error lines of the test output. */
    SIGNATURE_AND_ERRORS,
    /** {@link #SIGNATURE_AND_ERRORS} plus a bounded excerpt of the code under test. */
    SIGNATURE_ERRORS_AND_CODE,
    /** The raw test output excerpt alone (the baseline). */
    OUTPUT;

    /**
     * {@return the text to embed for {@code failure} (already redacted)}
     *
     * @param failure the failure
     */
    public String of(FailureRecord failure) {
        if (this == OUTPUT) {
            return failure.outputExcerpt();
        }
        StringBuilder text = new StringBuilder()
                .append(failure.signature())
                .append('\n')
                .append(failure.errorType())
                .append(": ")
                .append(failure.message())
                .append('\n')
                .append(failure.failingTest())
                .append('\n')
                .append(AssertionFeatures.of(failure.outputExcerpt()));
        if (this == SIGNATURE) {
            return text.toString();
        }
        text.append('\n').append(FailureTexts.errorLines(failure.outputExcerpt()));
        if (this == SIGNATURE_AND_ERRORS) {
            return text.toString();
        }
        String code = failure.codeExcerpt();
        text.append('\n')
                .append(
                        code.length() > FailureTexts.MAX_CODE_IN_TEXT
                                ? code.substring(0, FailureTexts.MAX_CODE_IN_TEXT)
                                : code);
        return text.toString();
    }
}
