package dev.agentloop.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.agentloop.memory.MemoryUnavailableException.Reason;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An unknown host and a port where nothing listens: the error's first clause names the root cause. */
class MemoryUnreachableTest {

    @TempDir
    Path spools;

    private PgVectorFailureMemory.Builder memory(String jdbcUrl) {
        return PgVectorFailureMemory.builder()
                .jdbcUrl(jdbcUrl)
                .user("agent")
                .password("secret-in-the-builder")
                .connectTimeout(Duration.ofSeconds(1))
                .spoolFile(spools.resolve("spool.jsonl"))
                .embeddingModel(EmbeddingModels.hashing(16));
    }

    @Test
    void anUnknownHostIsNamedFirst() {
        MemoryUnavailableException e = catchThrowableOfType(
                MemoryUnavailableException.class,
                () -> memory("jdbc:postgresql://no-such-host.invalid:5432/agent?password=in-the-url")
                        .build());

        assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_HOST);
        assertThat(e.getMessage())
                .isEqualTo("Unknown host 'no-such-host.invalid' in jdbc:postgresql://no-such-host.invalid:5432/agent;"
                        + " check the host name of the JDBC URL.");
    }

    @Test
    void aPortWhereNothingListensIsNamedFirst() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }

        MemoryUnavailableException e = catchThrowableOfType(
                MemoryUnavailableException.class,
                () -> memory("jdbc:postgresql://127.0.0.1:" + port + "/agent").build());

        assertThat(e.reason()).isEqualTo(Reason.CONNECTION_REFUSED);
        assertThat(e.getMessage())
                .startsWith("Connection refused at jdbc:postgresql://127.0.0.1:" + port + "/agent;")
                .doesNotContain("secret-in-the-builder");
    }
}
