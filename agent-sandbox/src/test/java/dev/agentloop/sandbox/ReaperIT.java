package dev.agentloop.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A JVM holding a sandbox dies; its container must not outlive it for long. */
class ReaperIT {

    @TempDir
    Path workspace;

    private DockerClient docker;
    private Process child;
    private String containerId;

    @BeforeEach
    void connect() {
        docker = TestEnvironment.docker();
        TestEnvironment.requireImage(docker, TestEnvironment.PYTHON_IMAGE);
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (child != null) {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        TestEnvironment.removeIfPresent(docker, containerId);
        docker.close();
    }

    @Test
    void orphanOfAJvmKilledWithSigkillIsReapedByTheNextSandbox() throws Exception {
        containerId = startHolder("hook");

        child.destroyForcibly(); // SIGKILL: no shutdown hook runs
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isEqualTo(137);
        assertThat(docker.inspectContainerCmd(containerId).exec())
                .as("the orphan is still there")
                .isNotNull();

        try (DockerSandbox next =
                DockerSandbox.builder().dockerClient(docker).reapOnStart(true).build()) {
            assertThat(next.startupReap().get(60, TimeUnit.SECONDS))
                    .as("orphans removed by the start-up reaper")
                    .isGreaterThanOrEqualTo(1);
            assertThatThrownBy(() -> docker.inspectContainerCmd(containerId).exec())
                    .isInstanceOf(NotFoundException.class);
            assertThat(next.describe()).startsWith("docker");
        }
    }

    @Test
    void containerOfAJvmStoppedNormallyIsRemovedByItsShutdownHook() throws Exception {
        containerId = startHolder("hook");

        child.destroy(); // SIGTERM: shutdown hooks run
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> docker.inspectContainerCmd(containerId).exec()).isInstanceOf(NotFoundException.class);
    }

    @Test
    void byDefaultASandboxRegistersNoShutdownHookAndReapsNothing() throws Exception {
        containerId = startHolder("no-hook");

        child.destroy(); // SIGTERM: shutdown hooks run, and there is none
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(docker.inspectContainerCmd(containerId).exec())
                .as("left for its owner to remove")
                .isNotNull();

        try (DockerSandbox next = DockerSandbox.builder().dockerClient(docker).build()) {
            assertThat(next.startupReap().get(60, TimeUnit.SECONDS)).isZero();
        }
        assertThat(docker.inspectContainerCmd(containerId).exec())
                .as("not reaped without reapOnStart")
                .isNotNull();
    }

    private String startHolder(String hook) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        child = new ProcessBuilder(List.of(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        SandboxHolderMain.class.getName(),
                        workspace.toString(),
                        TestEnvironment.PYTHON_IMAGE,
                        hook))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("CONTAINER ")) {
                return line.substring("CONTAINER ".length()).trim();
            }
        }
        throw new AssertionError("the holder JVM ended without opening a sandbox (exit " + child.waitFor() + ")");
    }
}
