package dev.agentloop.sandbox.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.core.RemoteApiVersion;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.agentloop.core.spi.SandboxException;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates docker-java clients over the httpclient5 transport, with the engine's API version: {@code api.version}
 * (system property) or {@code DOCKER_API_VERSION} when set, otherwise negotiated by asking {@code /version}
 * without a version prefix, so an old engine (API 1.41) and a new one (1.44+) both work.
 */
public final class DockerClients {

    private static final Logger LOG = LoggerFactory.getLogger(DockerClients.class);

    private DockerClients() {}

    /**
     * A client for the engine named by {@code DOCKER_HOST} (default: the local socket).
     *
     * @param env the environment to read {@code DOCKER_HOST}/{@code DOCKER_API_VERSION} from
     * @throws SandboxException when the engine cannot be reached to negotiate the version
     */
    public static DockerClient create(Map<String, String> env) {
        DefaultDockerClientConfig.Builder builder = DefaultDockerClientConfig.createDefaultConfigBuilder();
        String host = env.get("DOCKER_HOST");
        if (host != null && !host.isBlank()) {
            builder.withDockerHost(host);
        }
        String pinned = System.getProperty("api.version");
        if (pinned == null || pinned.isBlank()) {
            pinned = env.get("DOCKER_API_VERSION");
        }
        DockerClientConfig probeConfig =
                builder.withApiVersion(RemoteApiVersion.UNKNOWN_VERSION).build();
        DockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(probeConfig.getDockerHost())
                .sslConfig(probeConfig.getSSLConfig())
                .maxConnections(64)
                .connectionTimeout(Duration.ofSeconds(5))
                .build();
        String version = pinned;
        if (version == null || version.isBlank()) {
            DockerClient probe = DockerClientImpl.getInstance(probeConfig, http);
            try {
                Version v = probe.versionCmd().exec();
                version = v.getApiVersion();
                LOG.debug("Docker engine {} speaks API {}", v.getVersion(), version);
            } catch (RuntimeException e) {
                closeQuietly(http);
                throw new SandboxException(
                        "Cannot reach the Docker engine at " + probeConfig.getDockerHost() + " (" + rootMessage(e)
                                + "); start it or set DOCKER_HOST",
                        e);
            }
        }
        DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(probeConfig.getDockerHost().toString())
                .withApiVersion(RemoteApiVersion.parseConfig(version))
                .build();
        return DockerClientImpl.getInstance(config, http);
    }

    /** The message of the innermost cause (docker-java wraps the engine's answer), or its class name. */
    public static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m;
    }

    private static void closeQuietly(DockerHttpClient http) {
        try {
            http.close();
        } catch (IOException e) {
            LOG.debug("closing the Docker HTTP client failed", e);
        }
    }
}
