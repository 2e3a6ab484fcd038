package dev.agentloop.core.spi;

import java.time.Duration;
import java.util.Objects;

/**
 * The result of one command in the sandbox. Output beyond the sandbox's cap is cut; the cut part is counted in
 * {@code stdoutDropped}/{@code stderrDropped} and a marker saying how much was cut ends the kept text.
 *
 * @param status how it ended
 * @param exitCode the exit status; -1 when it was killed or never ran
 * @param stdout standard output, possibly cut
 * @param stderr standard error, possibly cut
 * @param duration wall time
 * @param stdoutDropped bytes of standard output that were cut
 * @param stderrDropped bytes of standard error that were cut
 * @param blockedBy the name of the execution-hook rule that refused the command; empty unless {@code BLOCKED}
 */
public record ExecResult(
        ExecStatus status,
        int exitCode,
        String stdout,
        String stderr,
        Duration duration,
        long stdoutDropped,
        long stderrDropped,
        String blockedBy) {

    /**
     * Checks the components; null texts become empty, a null duration zero.
     *
     * @param status how it ended
     * @param exitCode the exit status; -1 when it was killed or never ran
     * @param stdout standard output, possibly cut
     * @param stderr standard error, possibly cut
     * @param duration wall time
     * @param stdoutDropped bytes of standard output that were cut
     * @param stderrDropped bytes of standard error that were cut
     * @param blockedBy the name of the execution-hook rule that refused the command; empty unless {@code BLOCKED}
     */
    public ExecResult {
        Objects.requireNonNull(status, "status");
        stdout = stdout == null ? "" : stdout;
        stderr = stderr == null ? "" : stderr;
        duration = duration == null ? Duration.ZERO : duration;
        blockedBy = blockedBy == null ? "" : blockedBy;
    }

    /**
     * {@return the result of a command the hooks refused (it never ran)}
     *
     * @param rule the hook rule that matched
     * @param explanation why it was refused, shown to the model
     */
    public static ExecResult blocked(String rule, String explanation) {
        return new ExecResult(ExecStatus.BLOCKED, -1, "", explanation, Duration.ZERO, 0, 0, rule);
    }

    /** {@return true when the command exited by itself with status 0} */
    public boolean succeeded() {
        return status == ExecStatus.EXITED && exitCode == 0;
    }

    /** {@return true when the command was stopped at its time limit} */
    public boolean timedOut() {
        return status == ExecStatus.TIMED_OUT;
    }
}
