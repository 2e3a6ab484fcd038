package dev.agentloop.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The engine works for this library at all: docker-java over httpclient5, API version negotiated, no network. */
class DockerEngineSmokeIT {

    private DockerClient docker;
    private String containerId;

    @BeforeEach
    void connect() {
        docker = TestEnvironment.docker();
        TestEnvironment.requireImage(docker, TestEnvironment.PYTHON_IMAGE);
    }

    @AfterEach
    void cleanUp() throws Exception {
        TestEnvironment.removeIfPresent(docker, containerId);
        docker.close();
    }

    @Test
    void runsPythonWithoutNetworkAndReadsItsOutputBack() throws Exception {
        containerId = docker.createContainerCmd(TestEnvironment.PYTHON_IMAGE)
                .withCmd("python3", "-c", "print(6*7)")
                .withNetworkDisabled(true)
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none"))
                .withLabels(Map.of("dev.agentloop.test", "smoke"))
                .exec()
                .getId();
        docker.startContainerCmd(containerId).exec();
        Integer exit = docker.waitContainerCmd(containerId)
                .exec(new WaitContainerResultCallback())
                .awaitStatusCode(60, TimeUnit.SECONDS);
        StringBuilder out = new StringBuilder();
        docker.logContainerCmd(containerId)
                .withStdOut(true)
                .withStdErr(true)
                .exec(new ResultCallback.Adapter<Frame>() {
                    @Override
                    public void onNext(Frame frame) {
                        out.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                    }
                })
                .awaitCompletion(30, TimeUnit.SECONDS);
        String network =
                docker.inspectContainerCmd(containerId).exec().getHostConfig().getNetworkMode();

        docker.removeContainerCmd(containerId).exec();
        String removed = containerId;
        containerId = null;

        assertThat(exit).isZero();
        assertThat(out.toString().trim()).isEqualTo("42");
        assertThat(network).isEqualTo("none");
        assertThat(docker.listContainersCmd()
                        .withShowAll(true)
                        .withIdFilter(java.util.List.of(removed))
                        .exec())
                .isEmpty();
    }
}
