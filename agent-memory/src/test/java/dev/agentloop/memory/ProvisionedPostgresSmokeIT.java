package dev.agentloop.memory;

import java.sql.Connection;
import org.junit.jupiter.api.Test;

/** The server that scripts/provision brings up ({@code AGENT_DB_URL}) has pgvector and answers vector queries. */
class ProvisionedPostgresSmokeIT {

    @Test
    void provisionedServerFindsNearestVectorThroughHnswIndex() throws Exception {
        TestServices.Db db = TestServices.provisionedDb();
        try (Connection connection = db.connect()) {
            VectorSmokeChecks.nearestRowComesBack(connection);
        }
    }
}
