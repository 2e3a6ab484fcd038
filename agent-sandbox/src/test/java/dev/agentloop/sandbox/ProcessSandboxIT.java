package dev.agentloop.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentloop.core.event.AgentWarning;
import dev.agentloop.core.spi.ExecRequest;
import dev.agentloop.core.spi.Sandbox;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ProcessSandbox} against the shared contract. Needs python3 with pytest and node 18.15+ on the host; it
 * skips, saying so, where they are missing.
 */
class ProcessSandboxIT extends SandboxContract {

    @BeforeEach
    void requireHostTools() throws Exception {
        Assumptions.assumeTrue(
                works("python3", "-m", "pytest", "--version"), "python3 with pytest is not installed on this host");
        Assumptions.assumeTrue(works("node", "--test", "--help"), "node is not installed on this host");
    }

    @Override
    protected Sandbox create(SandboxConfig config) {
        return ProcessSandbox.builder().config(config).build();
    }

    @Test
    void saysOnceHowMuchLessItIsolates() {
        var s = python();
        s.exec(ExecRequest.of("true"));
        assertThat(events)
                .filteredOn(AgentWarning.class::isInstance)
                .singleElement()
                .satisfies(e -> assertThat(((AgentWarning) e).message())
                        .contains("memory")
                        .contains("process sandbox"));
    }

    @Test
    void backgroundProcessesDieWithTheCommand() {
        var s = python();
        String marker = "agentloop-bg-" + System.nanoTime();
        s.exec(ExecRequest.shell("exec -a " + marker + " sleep 300 & echo started"));
        var left = ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(marker))
                .toList();
        assertThat(left).isEmpty();
    }

    private static boolean works(String... argv) throws Exception {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
