package dev.agentloop.sandbox;

import static org.junit.jupiter.api.Assertions.fail;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.agentloop.core.testing.RequiredService;
import dev.agentloop.sandbox.internal.DockerClients;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The services integration tests need. Missing ones fail the test when {@code CI=true} and skip it otherwise, by
 * {@link RequiredService}'s one rule.
 */
final class TestEnvironment {

    static final String PYTHON_IMAGE = envOr("AGENTLOOP_PYTHON_IMAGE", "agentloop/python");
    static final String NODE_IMAGE = envOr("AGENTLOOP_NODE_IMAGE", "agentloop/node");

    private TestEnvironment() {}

    /** A client for the local engine, or the test is failed (CI) / skipped. */
    static DockerClient docker() {
        try {
            DockerClient client = DockerClients.create(System.getenv());
            client.pingCmd().exec();
            return client;
        } catch (RuntimeException e) {
            throw RequiredService.missing("No Docker engine is reachable (" + e.getMessage() + ")");
        }
    }

    /** Fails (CI) or skips unless the image is present. */
    static void requireImage(DockerClient docker, String image) {
        try {
            docker.inspectImageCmd(image).exec();
        } catch (NotFoundException e) {
            unavailable("The image " + image + " is missing");
        }
    }

    /** Force-removes a container a test started, if it is still there (tests clean up after themselves: no Ryuk). */
    static void removeIfPresent(DockerClient docker, String containerId) {
        if (containerId == null) {
            return;
        }
        try {
            docker.removeContainerCmd(containerId).withForce(true).exec();
        } catch (com.github.dockerjava.api.exception.NotFoundException e) {
            // already gone
        }
    }

    /**
     * The folder holding the HumanEval and failbench data ({@code humaneval/}, {@code failbench/}): the repository's
     * {@code benchmarks/}, unless {@code AGENTLOOP_SHARED_DIR} (or {@code -Dagentloop.shared.dir}) names another.
     */
    static Path sharedDir() {
        String configured = System.getProperty("agentloop.shared.dir", System.getenv("AGENTLOOP_SHARED_DIR"));
        Path dir = configured != null && !configured.isBlank()
                ? Path.of(configured)
                : repoRoot().resolve("benchmarks");
        if (!Files.isRegularFile(dir.resolve("humaneval/HumanEval.jsonl.gz"))) {
            fail("The HumanEval data " + dir.resolve("humaneval/HumanEval.jsonl.gz") + " is missing: it ships in the"
                    + " repository's benchmarks/ folder, and AGENTLOOP_SHARED_DIR must name a folder holding"
                    + " humaneval/ and failbench/");
        }
        return dir;
    }

    static Path repoRoot() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("mvnw")) && Files.isDirectory(p.resolve("agent-sandbox"))) {
                return p;
            }
        }
        return here.getParent() == null ? here : here.getParent();
    }

    static void unavailable(String what) {
        RequiredService.missing(what);
    }

    private static String envOr(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
