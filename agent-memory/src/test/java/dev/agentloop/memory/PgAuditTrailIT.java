package dev.agentloop.memory;

import dev.agentloop.core.audit.AuditTrail;
import dev.agentloop.core.testing.AuditTrailContract;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The audit table from the memory's migrations, written and listed by {@link PgAuditTrail}: the trail's contract. */
class PgAuditTrailIT extends AuditTrailContract {

    TestServices.Db db;
    final List<String> schemas = new ArrayList<>();

    @BeforeEach
    void connect() {
        db = TestServices.provisionedDb();
    }

    @Override
    protected AuditTrail trail() {
        String schema = "audit_" + UUID.randomUUID().toString().substring(0, 8);
        schemas.add(schema);
        Flyway.configure(PgAuditTrailIT.class.getClassLoader())
                .dataSource(db.url(), db.user(), db.password())
                .schemas(schema)
                .defaultSchema(schema)
                .locations("classpath:dev/agentloop/memory/db")
                .placeholders(Map.of("dimension", "8"))
                .load()
                .migrate();
        return new PgAuditTrail(db.url(), db.user(), db.password(), schema);
    }

    @AfterEach
    void drop() throws Exception {
        try (Connection c = db.connect();
                Statement st = c.createStatement()) {
            for (String schema : schemas) {
                st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }
}
