package dev.agentloop.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import org.junit.jupiter.api.Test;

/** The server that scripts/provision brings up ({@code AGENT_DB_URL}) has pgvector and answers vector queries. */
class ProvisionedPostgresSmokeIT {

    @Test
    void provisionedServerFindsNearestVectorThroughHnswIndex() throws Exception {
        TestServices.Db db = TestServices.provisionedDb();
        VectorSmokeChecks.Nearest nearest;
        try (Connection connection = db.connect()) {
            nearest = VectorSmokeChecks.nearestRow(connection);
        }
        assertThat(nearest.found()).as("a nearest row").isTrue();
        assertThat(nearest.id()).isEqualTo(2);
        assertThat(nearest.distance()).isLessThan(0.05);
        assertThat(nearest.plan()).contains("Index Scan");
    }
}
