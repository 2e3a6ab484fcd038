package dev.agentloop.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.agentloop.memory.MemoryUnavailableException.Reason;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * A refused login and a missing {@code vector} extension, on a real PostgreSQL server: the error's first clause
 * names the root cause, not the pool's timeout that wraps it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MemoryUnavailableIT {

    private static PostgreSQLContainer postgres;

    @TempDir
    Path spools;

    @BeforeAll
    static void start() {
        postgres = PgVectorContainers.create();
        postgres.start();
    }

    @AfterAll
    static void stop() {
        if (postgres != null) {
            postgres.stop();
        }
    }

    private PgVectorFailureMemory.Builder memory(String database, String user, String password) {
        return PgVectorFailureMemory.builder()
                .jdbcUrl(postgres.getJdbcUrl().replace("/agent?", "/" + database + "?"))
                .user(user)
                .password(password)
                .connectTimeout(Duration.ofSeconds(2))
                .spoolFile(spools.resolve("spool.jsonl"))
                .embeddingModel(EmbeddingModels.hashing(16));
    }

    private static void asSuperuser(String... statements) throws Exception {
        try (Connection c = DriverManager.getConnection(
                        postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword());
                Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }

    @Test
    @Order(1)
    void aWrongPasswordIsNamedFirst() {
        MemoryUnavailableException e = catchThrowableOfType(
                MemoryUnavailableException.class,
                () -> memory("agent", "agent", "not-the-password").build());

        assertThat(e.reason()).isEqualTo(Reason.AUTHENTICATION_FAILED);
        assertThat(e.getMessage())
                .startsWith("Authentication failed at jdbc:postgresql://")
                .contains("password authentication failed for user \"agent\"")
                .doesNotContain("not-the-password")
                .doesNotContain("request timed out");
    }

    @Test
    @Order(2)
    void aDatabaseWhereTheUserMayNotCreateTheExtensionIsNamedFirst() throws Exception {
        asSuperuser("CREATE ROLE plain LOGIN PASSWORD 'plain'", "CREATE DATABASE plaindb OWNER plain");

        MemoryUnavailableException e = catchThrowableOfType(
                MemoryUnavailableException.class,
                () -> memory("plaindb", "plain", "plain").build());

        assertThat(e.reason()).isEqualTo(Reason.VECTOR_EXTENSION_NOT_CREATED);
        assertThat(e.getMessage())
                .startsWith("The vector extension (pgvector) is not created in jdbc:postgresql://")
                .contains("/plaindb and user 'plain' may not create it");
    }

    @Test
    @Order(3)
    void aServerWithoutPgvectorIsNamedFirst() throws Exception {
        var removed = postgres.execInContainerWithUser(
                "root", "sh", "-c", "rm -f /usr/share/postgresql/*/extension/vector.control && echo removed");
        assertThat(removed.getStdout()).contains("removed");
        asSuperuser("CREATE DATABASE bare");

        MemoryUnavailableException e = catchThrowableOfType(
                MemoryUnavailableException.class,
                () -> memory("bare", postgres.getUsername(), postgres.getPassword())
                        .build());

        assertThat(e.reason()).isEqualTo(Reason.VECTOR_EXTENSION_UNAVAILABLE);
        assertThat(e.getMessage())
                .startsWith("The vector extension (pgvector) is not installed on the PostgreSQL server of ")
                .endsWith("install pgvector on the server, then run CREATE EXTENSION vector in the database as a"
                        + " superuser.");
    }
}
