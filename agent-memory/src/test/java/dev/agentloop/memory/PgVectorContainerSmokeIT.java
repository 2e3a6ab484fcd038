package dev.agentloop.memory;

import java.sql.Connection;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** The {@code agentloop/pgvector} image starts through Testcontainers (no Ryuk) and answers vector queries. */
class PgVectorContainerSmokeIT {

    @Test
    void containerFindsNearestVectorThroughHnswIndex() throws Exception {
        try (PostgreSQLContainer postgres = PgVectorContainers.create()) {
            postgres.start();
            try (Connection connection = DriverManager.getConnection(
                    postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword())) {
                VectorSmokeChecks.nearestRowComesBack(connection);
            }
        }
    }
}
