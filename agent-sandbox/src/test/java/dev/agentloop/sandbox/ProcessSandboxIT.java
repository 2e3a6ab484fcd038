package dev.agentloop.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentloop.core.Language;
import dev.agentloop.core.ProjectType;
import dev.agentloop.core.event.AgentWarning;
import dev.agentloop.core.spi.ExecRequest;
import dev.agentloop.core.spi.ExecResult;
import dev.agentloop.core.spi.Sandbox;
import dev.agentloop.core.spi.SandboxSpec;
import dev.agentloop.core.testing.RequiredService;
import dev.agentloop.sandbox.internal.HostProcessExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ProcessSandbox} against the shared contract. Needs python3 with pytest, node 18.15+, javac, JUnit 5 and bubblewrap on the
 * host (scripts/provision installs them); where they are missing it fails under CI and skips, saying so, elsewhere.
 */
class ProcessSandboxIT extends SandboxContract {

    @BeforeEach
    void requireHostTools() throws Exception {
        RequiredService.require(
                works("python3", "-m", "pytest", "--version"),
                "python3 with pytest is not installed on this host (Debian package python3-pytest)");
        RequiredService.require(
                works("node", "--test", "--help"), "node is not installed on this host (Debian package nodejs)");
        RequiredService.require(
                works("javac", "-version"),
                "javac is not installed on this host (Debian package openjdk-17-jdk-headless)");
        RequiredService.require(
                Files.isRegularFile(Path.of(dev.agentloop.sandbox.internal.JavaTestRunner.LAUNCHER)),
                "the JUnit console launcher is not installed on this host (Debian package junit5)");
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
        // The unique duration marks the process (sh is dash here: no `exec -a`).
        String marker = uniqueSleep();
        ExecResult r = s.exec(ExecRequest.shell("sleep " + marker + " & echo started"));
        assertThat(r.stdout()).isEqualTo("started\n");
        assertThat(running(marker)).isEmpty();
    }

    @Test
    void underBubblewrapTheNetworkIsCutAndTheHostIsReadOnly() throws Exception {
        RequiredService.require(
                HostProcessExecutor.findBubblewrap().isPresent(),
                "bubblewrap is not installed on this host (Debian package bubblewrap)");
        var s = python();
        ExecResult net = s.exec(ExecRequest.of(
                "python3", "-c", "import socket; socket.create_connection(('192.0.2.1', 80), timeout=5)"));
        assertThat(net.exitCode()).as("egress from the sandbox").isNotZero();
        assertThat(net.stderr()).contains("unreachable");

        // A folder the test's own user may write to, outside the workspace: the sandbox may not.
        Path hostDir =
                Files.createTempDirectory(Path.of("target"), "bwrap-host").toAbsolutePath();
        try {
            ExecResult write = s.exec(ExecRequest.shell("echo escaped > " + hostDir + "/escaped.txt"));
            assertThat(write.exitCode()).isNotZero();
            // Read-only where the host is visible; absent where it lies under /tmp, which the sandbox replaces with
            // its own (a checkout under /tmp): either way the host folder cannot be written.
            assertThat(write.stderr()).containsAnyOf("Read-only file system", "Directory nonexistent");
            assertThat(hostDir.resolve("escaped.txt")).doesNotExist();
        } finally {
            Files.deleteIfExists(hostDir.resolve("escaped.txt"));
            Files.delete(hostDir);
        }

        // /tmp is the sandbox's own: what a command leaves there never reaches the host's /tmp.
        String name = "agentloop-bwrap-" + System.nanoTime();
        assertThat(s.exec(ExecRequest.shell("echo private > /tmp/" + name)).exitCode())
                .isZero();
        assertThat(Path.of("/tmp", name)).doesNotExist();
        assertThat(s.exec(ExecRequest.shell("echo kept > ws.txt")).exitCode()).isZero();
        assertThat(workspace.resolve("ws.txt")).hasContent("kept");
    }

    @Test
    void plainProcessModeKeepsOutputAndKillsBackgroundProcesses() throws Exception {
        String marker = uniqueSleep();
        try (ProcessSandbox plain =
                        ProcessSandbox.builder().useBubblewrap(false).build();
                var s = plain.open(new SandboxSpec(
                        UUID.randomUUID(), Language.PYTHON, ProjectType.LIBRARY, workspace, events::add, null))) {
            assertThat(plain.usesBubblewrap()).isFalse();
            // The subshell leaves the sleep behind, orphaned: only its process group still ties it to the command.
            ExecResult r = s.exec(ExecRequest.shell("echo out; echo err >&2; (sleep " + marker + " &); exit 3"));
            assertThat(r.exitCode()).isEqualTo(3);
            assertThat(r.stdout()).isEqualTo("out\n");
            assertThat(r.stderr()).isEqualTo("err\n");
        }
        assertThat(running(marker)).isEmpty();
    }

    private static String uniqueSleep() {
        return "3000." + (System.nanoTime() % 1_000_000_000L);
    }

    private static java.util.List<ProcessHandle> running(String sleepArgument) {
        return ProcessHandle.allProcesses()
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").endsWith("sleep " + sleepArgument))
                .toList();
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
