package dev.agentloop.sandbox.internal;

import dev.agentloop.core.spi.ExecResult;
import dev.agentloop.core.spi.ExecStatus;
import java.time.Duration;

/**
 * The in-container agent's answer to one command (see {@code agent.pl} for the protocol).
 *
 * @param kind {@code exit}, {@code signal}, {@code killed} or {@code spawnfail}
 * @param code the exit status or the signal number
 * @param oom whether the container's memory cgroup OOM-killed something while the command ran
 */
record AgentReply(
        String id, String kind, int code, byte[] out, long outDropped, byte[] err, long errDropped, boolean oom) {

    private static final int SIGKILL = 9;

    /** The result as the SPI reports it. */
    ExecResult toResult(Duration duration) {
        String stdout = OutputText.of(out, outDropped, "stdout");
        String stderr = OutputText.of(err, errDropped, "stderr");
        ExecStatus status;
        int exit;
        switch (kind) {
            case "exit" -> {
                status = oom && code != 0 ? ExecStatus.OUT_OF_MEMORY : ExecStatus.EXITED;
                exit = status == ExecStatus.EXITED ? code : -1;
            }
            case "signal" -> {
                status = oom && code == SIGKILL ? ExecStatus.OUT_OF_MEMORY : ExecStatus.EXITED;
                exit = status == ExecStatus.EXITED ? 128 + code : -1;
            }
            case "killed" -> {
                status = ExecStatus.TIMED_OUT;
                exit = -1;
            }
            default -> {
                status = ExecStatus.EXITED;
                exit = -1;
            }
        }
        return new ExecResult(status, exit, stdout, stderr, duration, outDropped, errDropped, "");
    }
}
