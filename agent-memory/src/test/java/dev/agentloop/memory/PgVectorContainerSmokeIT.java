package dev.agentloop.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** The {@code agentloop/pgvector} image starts through Testcontainers (no Ryuk) and answers vector queries. */
class PgVectorContainerSmokeIT {

    @Test
    void containerFindsNearestVectorThroughHnswIndex() throws Exception {
        VectorSmokeChecks.Nearest nearest;
        try (PostgreSQLContainer postgres = PgVectorContainers.create()) {
            postgres.start();
            try (Connection connection = DriverManager.getConnection(
                    postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword())) {
                nearest = VectorSmokeChecks.nearestRow(connection);
            }
        }
        assertThat(nearest.found()).as("a nearest row").isTrue();
        assertThat(nearest.id()).isEqualTo(2);
        assertThat(nearest.distance()).isLessThan(0.05);
        assertThat(nearest.plan()).contains("Index Scan");
    }
}
