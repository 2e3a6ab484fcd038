package dev.agentloop.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentloop.core.audit.AuditAction;
import dev.agentloop.core.audit.AuditEntry;
import dev.agentloop.core.audit.AuditResult;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The audit table from the memory's migrations, written and listed by {@link PgAuditTrail}. */
class PgAuditTrailIT {

    TestServices.Db db;
    String schema;
    PgAuditTrail trail;

    @BeforeEach
    void migrate() {
        db = TestServices.provisionedDb();
        schema = "audit_" + UUID.randomUUID().toString().substring(0, 8);
        Flyway.configure(PgAuditTrailIT.class.getClassLoader())
                .dataSource(db.url(), db.user(), db.password())
                .schemas(schema)
                .defaultSchema(schema)
                .locations("classpath:dev/agentloop/memory/db")
                .placeholders(Map.of("dimension", "8"))
                .load()
                .migrate();
        trail = new PgAuditTrail(db.url(), db.user(), db.password(), schema);
    }

    @AfterEach
    void drop() throws Exception {
        try (Connection c = db.connect();
                Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    @Test
    void recordsListsByRepositoryAndSinceAndKnowsWhatWasDone() {
        Instant t0 = Instant.parse("2026-01-01T10:00:00Z");
        trail.record(entry(t0, "octo/a", AuditAction.ISSUE_READ, "issue 7", AuditResult.OK));
        trail.record(entry(t0.plusSeconds(60), "octo/a", AuditAction.CLAIM, "issue 7", AuditResult.OK));
        trail.record(entry(t0.plusSeconds(120), "octo/b", AuditAction.CLAIM, "issue 8", AuditResult.FAILED));
        trail.record(entry(t0.plusSeconds(180), "octo/a", AuditAction.MERGE, "pull 100", AuditResult.REFUSED));

        List<AuditEntry> a = trail.list(Optional.of("octo/a"), Optional.empty(), 100);
        assertThat(a)
                .extracting(AuditEntry::action)
                .containsExactly(AuditAction.ISSUE_READ, AuditAction.CLAIM, AuditAction.MERGE);
        assertThat(a.get(2).result()).isEqualTo(AuditResult.REFUSED);
        assertThat(a.get(0).at()).isEqualTo(t0);
        assertThat(trail.list(Optional.empty(), Optional.of(t0.plusSeconds(120)), 100))
                .extracting(AuditEntry::target)
                .containsExactly("issue 8", "pull 100");
        assertThat(trail.list(Optional.empty(), Optional.empty(), 1))
                .extracting(AuditEntry::target)
                .containsExactly("pull 100");

        assertThat(trail.done("octo/a", AuditAction.CLAIM, "issue 7")).isTrue();
        assertThat(trail.done("octo/b", AuditAction.CLAIM, "issue 8")).isFalse();
        assertThat(trail.done("octo/a", AuditAction.CLAIM, "issue 8")).isFalse();
    }

    private static AuditEntry entry(Instant at, String repo, AuditAction action, String target, AuditResult r) {
        return new AuditEntry(at, "agentbot", action, repo, target, r, "detail of " + target);
    }
}
