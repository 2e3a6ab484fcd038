package dev.agentloop.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import dev.agentloop.core.Language;
import dev.agentloop.core.ProjectType;
import dev.agentloop.core.spi.ExecRequest;
import dev.agentloop.core.spi.ExecResult;
import dev.agentloop.core.spi.Sandbox;
import dev.agentloop.core.spi.SandboxException;
import dev.agentloop.core.spi.SandboxSession;
import dev.agentloop.core.spi.SandboxSpec;
import dev.agentloop.core.spi.TestOutcome;
import dev.agentloop.core.spi.TestReport;
import dev.agentloop.core.spi.TestRequest;
import dev.agentloop.core.testing.RequiredService;
import dev.agentloop.sandbox.internal.ContainerLabels;
import dev.agentloop.sandbox.internal.OwnerIdentity;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link DockerSandbox} against the shared contract, plus what only a container can promise. */
class DockerSandboxIT extends SandboxContract {

    private DockerClient docker;

    @BeforeEach
    void connect() {
        docker = TestEnvironment.docker();
        TestEnvironment.requireImage(docker, TestEnvironment.PYTHON_IMAGE);
        TestEnvironment.requireImage(docker, TestEnvironment.NODE_IMAGE);
    }

    @AfterEach
    void disconnect() throws Exception {
        // JUnit runs this class's @AfterEach before the contract's: close the session (and remove its container)
        // while the client is still open.
        closeAll();
        docker.close();
    }

    @Override
    protected Sandbox create(SandboxConfig config) {
        return DockerSandbox.builder()
                .dockerClient(docker)
                .config(config.toBuilder()
                        .image(Language.PYTHON, TestEnvironment.PYTHON_IMAGE)
                        .image(Language.JAVASCRIPT, TestEnvironment.NODE_IMAGE)
                        .build())
                .build();
    }

    @Test
    void aMissingImageFailsWithAnErrorNamingItFirst() {
        try (DockerSandbox sandbox = DockerSandbox.builder()
                .dockerClient(docker)
                .config(SandboxConfig.builder()
                        .image(Language.PYTHON, "agentloop/no-such-image")
                        .build())
                .build()) {
            assertThatThrownBy(() -> sandbox.open(new SandboxSpec(
                            UUID.randomUUID(), Language.PYTHON, ProjectType.LIBRARY, workspace, null, null)))
                    .isInstanceOf(SandboxException.class)
                    .hasMessageStartingWith(
                            "The sandbox image 'agentloop/no-such-image' is not present on the Docker engine;")
                    .hasMessageNotContaining("scripts/");
        }
    }

    @Test
    void containerThatCannotStartIsRemovedAndTheErrorNamesTheImage() throws Exception {
        // An image without perl cannot run the agent: its container is created but fails to start.
        String image = "agentloop-test/no-perl:" + UUID.randomUUID().toString().substring(0, 8);
        java.nio.file.Path root = java.nio.file.Files.createDirectories(workspace.resolve("rootfs"));
        java.nio.file.Files.writeString(root.resolve("README"), "no interpreter here\n");
        java.nio.file.Path tar = workspace.resolve("rootfs.tar");
        assertThat(new ProcessBuilder("tar", "-cf", tar.toString(), "-C", root.toString(), ".")
                        .inheritIO()
                        .start()
                        .waitFor())
                .isZero();
        // The docker CLI imports it (docker-java's streamed import is refused by the 20.10 engine).
        Process imported;
        try {
            imported = new ProcessBuilder("docker", "import", tar.toString(), image)
                    .inheritIO()
                    .start();
        } catch (java.io.IOException e) {
            throw RequiredService.missing(
                    "the docker CLI, needed to build the perl-less test image, is missing (" + e.getMessage() + ")");
        }
        assertThat(imported.waitFor()).isZero();
        try (DockerSandbox sandbox = DockerSandbox.builder()
                .dockerClient(docker)
                .config(SandboxConfig.builder().image(Language.PYTHON, image).build())
                .build()) {
            long before = countLabelled();
            assertThatThrownBy(() -> sandbox.open(new SandboxSpec(
                            UUID.randomUUID(), Language.PYTHON, ProjectType.LIBRARY, workspace, null, null)))
                    .isInstanceOf(SandboxException.class)
                    .hasMessageContaining(image)
                    .hasMessageContaining("failed to start");
            assertThat(countLabelled()).as("the failed container was removed").isEqualTo(before);
        } finally {
            docker.removeImageCmd(image).withForce(true).exec();
        }
    }

    @Test
    void healthCheckReportsTheEngineAndTheImages() {
        try (DockerSandbox sandbox = (DockerSandbox) create(SandboxConfig.defaults())) {
            SandboxHealth health = sandbox.check();
            assertThat(health.engineReachable()).isTrue();
            assertThat(health.engineVersion()).startsWith("Docker ");
            assertThat(health.images()).containsEntry(TestEnvironment.PYTHON_IMAGE, true);
        }
    }

    /** The container's CPU limit as its cgroup (v1 or v2) states it, e.g. 0.5. */
    private static final String CPU_LIMIT = "if [ -f /sys/fs/cgroup/cpu.max ]; then read q p < /sys/fs/cgroup/cpu.max;"
            + " else q=$(cat /sys/fs/cgroup/cpu/cpu.cfs_quota_us); p=$(cat /sys/fs/cgroup/cpu/cpu.cfs_period_us); fi;"
            + " echo \"$q $p\"";

    private static double cpuLimit(SandboxSession session, ExecRequest request) {
        ExecResult r = session.exec(request);
        assertThat(r.succeeded()).as("%s", r).isTrue();
        String[] quotaAndPeriod = r.stdout().strip().split(" ");
        return Double.parseDouble(quotaAndPeriod[0]) / Double.parseDouble(quotaAndPeriod[1]);
    }

    @Test
    void aCommandAskingForMoreCpusGetsThemUpToTheCeilingForItsDurationOnly() {
        try (DockerSandbox sandbox = (DockerSandbox)
                        create(SandboxConfig.builder().cpus(0.5).toolCpus(1).build());
                SandboxSession session = sandbox.open(new SandboxSpec(
                        UUID.randomUUID(), Language.PYTHON, ProjectType.LIBRARY, workspace, null, null))) {
            assertThat(cpuLimit(session, ExecRequest.shell(CPU_LIMIT))).isEqualTo(0.5);

            assertThat(cpuLimit(session, ExecRequest.shell(CPU_LIMIT).withCpus(4)))
                    .as("granted up to the ceiling")
                    .isEqualTo(1.0);
            assertThat(cpuLimit(session, ExecRequest.shell(CPU_LIMIT)))
                    .as("restored")
                    .isEqualTo(0.5);
            assertThat(cpuLimit(session, ExecRequest.shell(CPU_LIMIT).withCpus(0.25)))
                    .as("never below the limit")
                    .isEqualTo(0.5);

            session.writeFile("test_limit.py", """
                    import os

                    def test_runs_within_the_sandbox_limit():
                        if os.path.exists("/sys/fs/cgroup/cpu.max"):
                            quota, period = open("/sys/fs/cgroup/cpu.max").read().split()
                        else:
                            quota = open("/sys/fs/cgroup/cpu/cpu.cfs_quota_us").read()
                            period = open("/sys/fs/cgroup/cpu/cpu.cfs_period_us").read()
                        assert int(quota) / int(period) == 0.5
                    """);
            TestReport tests = session.runTests(TestRequest.of(Language.PYTHON, List.of()));
            assertThat(tests.outcome())
                    .as("the tests keep the sandbox's limit: %s", tests)
                    .isEqualTo(TestOutcome.PASSED);
        }
    }

    @Test
    void aCeilingAtTheLimitGrantsNoCommandMore() {
        try (DockerSandbox sandbox = (DockerSandbox)
                        create(SandboxConfig.builder().cpus(0.5).toolCpus(0.5).build());
                SandboxSession session = sandbox.open(new SandboxSpec(
                        UUID.randomUUID(), Language.PYTHON, ProjectType.LIBRARY, workspace, null, null))) {
            assertThat(cpuLimit(session, ExecRequest.shell(CPU_LIMIT).withCpus(2)))
                    .isEqualTo(0.5);
        }
    }

    /** This JVM's sandbox containers (other processes may be using the engine meanwhile). */
    private long countLabelled() {
        return docker.listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(java.util.Map.of(
                        ContainerLabels.LIBRARY,
                        "true",
                        OwnerIdentity.LABEL_PID,
                        Long.toString(ProcessHandle.current().pid())))
                .exec()
                .size();
    }
}
