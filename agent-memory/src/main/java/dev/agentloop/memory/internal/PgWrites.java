package dev.agentloop.memory.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentloop.core.Phase;
import dev.agentloop.core.source.RepositoryInfo;
import dev.agentloop.core.spi.ApprovalRecord;
import dev.agentloop.core.spi.FailureRecord;
import dev.agentloop.core.spi.FixRecord;
import dev.agentloop.core.spi.HandoffRecord;
import dev.agentloop.core.spi.IterationRecord;
import dev.agentloop.core.spi.RetrievalRecord;
import dev.agentloop.core.spi.SuccessPattern;
import dev.agentloop.core.spi.TaskCompletion;
import dev.agentloop.core.spi.TaskRecord;
import dev.agentloop.memory.MemoryEmbeddingModel;
import dev.agentloop.memory.RetrievalSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Stores one {@link Write} in PostgreSQL. Every statement is idempotent ({@code ON CONFLICT DO NOTHING}, or an
 * update to the same values), so a write replayed from the spool lands once.
 */
public final class PgWrites {

    /** The columns {@link #repository} fills, in tasks and failures alike. */
    private static final String REPOSITORY_COLUMNS =
            "repository_name, repository_location, repository_remote, repository_base_ref, repository_base_commit";

    private final String s;
    private final Supplier<MemoryEmbeddingModel> model;
    private final RetrievalSettings settings;
    private final ObjectMapper json = Json.mapper();

    public PgWrites(String schema, Supplier<MemoryEmbeddingModel> model, RetrievalSettings settings) {
        this.s = schema;
        this.model = model;
        this.settings = settings;
    }

    /** Stores the write in one transaction. */
    public void apply(Connection c, Write write) throws SQLException {
        // Embeddings are computed before the transaction opens: the model is slow, the connection is precious.
        float[] embedding = null;
        if (write instanceof Write.Failure f) {
            embedding = model.get().embed(settings.embeddedText().of(f.record()));
        } else if (write instanceof Write.Pattern p) {
            embedding = model.get().embed(p.record().taskText());
        }
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            if (write instanceof Write.Task t) {
                task(c, t.record());
            } else if (write instanceof Write.Iteration i) {
                iteration(c, i.record());
            } else if (write instanceof Write.Completion done) {
                completion(c, done.record());
            } else if (write instanceof Write.Failure f) {
                failure(c, f.record(), embedding);
            } else if (write instanceof Write.Fix f) {
                fix(c, f.record());
            } else if (write instanceof Write.Retrieval r) {
                retrieval(c, r.record());
            } else if (write instanceof Write.Approval a) {
                approval(c, a);
            } else if (write instanceof Write.Pattern p) {
                pattern(c, p.record(), embedding);
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private void task(Connection c, TaskRecord t) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO " + s + ".tasks"
                + " (id, text, language, project_type, project, started_at, " + REPOSITORY_COLUMNS + ")"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING")) {
            st.setObject(1, t.id());
            st.setString(2, t.text());
            st.setString(3, t.language().id());
            st.setString(4, t.projectType().id());
            st.setString(5, t.project());
            st.setTimestamp(6, Sql.timestamp(t.startedAt()));
            repository(st, 7, t.repository());
            st.executeUpdate();
        }
    }

    /** Sets the five repository columns from {@code first} on; the name is NULL without a repository. */
    private static void repository(PreparedStatement st, int first, Optional<RepositoryInfo> repository)
            throws SQLException {
        RepositoryInfo r = repository.orElse(null);
        if (r == null) {
            st.setNull(first, Types.VARCHAR);
        } else {
            st.setString(first, r.name());
        }
        st.setString(first + 1, r == null ? "" : r.location());
        st.setString(first + 2, r == null ? "" : r.remote());
        st.setString(first + 3, r == null ? "" : r.baseRef());
        st.setString(first + 4, r == null ? "" : r.baseCommit());
    }

    private void completion(Connection c, TaskCompletion t) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("UPDATE " + s + ".tasks SET status = ?, reason = ?,"
                + " iterations = ?, tokens = ?, cost = ?, duration_ms = ?, finished_at = ? WHERE id = ?")) {
            st.setString(1, t.status().name());
            st.setString(2, t.reason());
            st.setInt(3, t.iterations());
            st.setLong(4, t.tokens());
            st.setDouble(5, t.cost());
            st.setLong(6, t.duration().toMillis());
            st.setTimestamp(7, Sql.timestamp(t.finishedAt()));
            st.setObject(8, t.taskId());
            st.executeUpdate();
        }
        if (t.handoff().isPresent()) {
            handoff(c, t.taskId(), t.handoff().get());
        }
    }

    /** The task's handoff; a completion written again (a replay) writes the same values. */
    private void handoff(Connection c, UUID taskId, HandoffRecord h) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO " + s + ".handoffs (task_id, branch, commit_id,"
                + " patch_file, patch, patch_truncated, files, diff_stat) SELECT ?, ?, ?, ?, ?, ?, ?, ?"
                + " WHERE EXISTS (SELECT 1 FROM " + s + ".tasks WHERE id = ?) ON CONFLICT (task_id) DO UPDATE SET"
                + " branch = EXCLUDED.branch, commit_id = EXCLUDED.commit_id, patch_file = EXCLUDED.patch_file,"
                + " patch = EXCLUDED.patch, patch_truncated = EXCLUDED.patch_truncated, files = EXCLUDED.files,"
                + " diff_stat = EXCLUDED.diff_stat")) {
            st.setObject(1, taskId);
            st.setString(2, h.branch());
            st.setString(3, h.commit());
            st.setString(4, h.patchFile());
            st.setString(5, h.patch());
            st.setBoolean(6, h.patchTruncated());
            st.setArray(7, Sql.textArray(c, h.files()));
            st.setString(8, h.diffStat());
            st.setObject(9, taskId);
            st.executeUpdate();
        }
    }

    private void iteration(Connection c, IterationRecord i) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO " + s + ".iterations (task_id, number, outcome,"
                + " tests_passed, tests_total, diff, summary, started_at, finished_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (task_id, number) DO NOTHING")) {
            st.setObject(1, i.taskId());
            st.setInt(2, i.number());
            st.setString(3, i.outcome().name());
            st.setInt(4, i.testsPassed());
            st.setInt(5, i.testsTotal());
            st.setString(6, i.diff());
            st.setString(7, i.summary());
            st.setTimestamp(8, Sql.timestamp(i.startedAt()));
            st.setTimestamp(9, Sql.timestamp(i.finishedAt()));
            st.executeUpdate();
        }
        Map<String, Long> durations = new LinkedHashMap<>();
        for (Map.Entry<Phase, Duration> e : i.phaseDurations().entrySet()) {
            durations.put(e.getKey().name(), e.getValue().toMillis());
        }
        Map<String, Long> tokens = new LinkedHashMap<>();
        long total = 0;
        for (Map.Entry<Phase, Long> e : i.phaseTokens().entrySet()) {
            tokens.put(e.getKey().name(), e.getValue());
            total += e.getValue();
        }
        try (PreparedStatement st = c.prepareStatement("INSERT INTO " + s + ".metrics (task_id, iteration,"
                + " phase_durations, phase_tokens, total_tokens, test_pass_rate) VALUES (?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (task_id, iteration) DO NOTHING")) {
            st.setObject(1, i.taskId());
            st.setInt(2, i.number());
            st.setObject(3, toJson(durations), Types.OTHER);
            st.setObject(4, toJson(tokens), Types.OTHER);
            st.setLong(5, total);
            st.setDouble(6, i.passRate());
            st.executeUpdate();
        }
    }

    /**
     * A failure is written pending, outside the HNSW graph (see {@link PgGraphLinks}): the write does not wait for
     * the graph's linking, and searches rank the row exactly until a background pass links it.
     */
    private void failure(Connection c, FailureRecord f, float[] embedding) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO " + s + ".failures (id, task_id, iteration,"
                + " signature, error_type, message, failing_test, language, project, task_text, code_excerpt,"
                + " output_excerpt, embedded_text, pending_embedding, lexical_text, recorded_at, files, "
                + REPOSITORY_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::halfvec, ?, ?, ?,"
                + " ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING")) {
            st.setObject(1, f.id());
            st.setObject(2, f.taskId());
            st.setInt(3, f.iteration());
            st.setString(4, f.signature());
            st.setString(5, f.errorType());
            st.setString(6, f.message());
            st.setString(7, f.failingTest());
            st.setString(8, f.language().id());
            st.setString(9, f.project());
            st.setString(10, f.taskText());
            st.setString(11, f.codeExcerpt());
            st.setString(12, f.outputExcerpt());
            st.setString(13, settings.embeddedText().of(f));
            st.setString(14, Sql.vector(embedding));
            st.setString(15, FailureTexts.lexicalText(f));
            st.setTimestamp(16, Sql.timestamp(f.recordedAt()));
            st.setArray(17, Sql.textArray(c, f.files()));
            repository(st, 18, f.repository());
            st.executeUpdate();
        }
    }

    private void fix(Connection c, FixRecord f) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO " + s + ".fixes (failure_id, task_id,"
                + " passed_iteration, diff, verified, recorded_at) VALUES (?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (failure_id) DO NOTHING")) {
            st.setObject(1, f.failureId());
            st.setObject(2, f.taskId());
            st.setInt(3, f.passedIteration());
            st.setString(4, f.diff());
            st.setBoolean(5, f.verified());
            st.setTimestamp(6, Sql.timestamp(f.recordedAt()));
            st.executeUpdate();
        }
        try (PreparedStatement st = c.prepareStatement(
                "UPDATE " + s + ".failures SET fix_patterns = ?, fix_kind = ? WHERE id = ? AND fix_kind = ''")) {
            st.setArray(1, Sql.textArray(c, CodePatterns.ofRemovedLines(f.diff())));
            st.setString(2, FixKinds.of(f.diff()));
            st.setObject(3, f.failureId());
            st.executeUpdate();
        }
    }

    private void retrieval(Connection c, RetrievalRecord r) throws SQLException {
        if (r.hits().isEmpty()) {
            return;
        }
        try (PreparedStatement st = c.prepareStatement("INSERT INTO " + s + ".retrievals (task_id, iteration,"
                + " failure_id, similarity) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            for (RetrievalRecord.Hit hit : r.hits()) {
                st.setObject(1, r.taskId());
                st.setInt(2, r.iteration());
                st.setObject(3, hit.failureId());
                st.setDouble(4, hit.similarity());
                st.addBatch();
            }
            st.executeBatch();
        }
    }

    private void approval(Connection c, Write.Approval a) throws SQLException {
        ApprovalRecord r = a.record();
        try (PreparedStatement st = c.prepareStatement("INSERT INTO " + s + ".approvals (id, task_id, iteration, kind,"
                + " subject, reason, approved, decided_by, note, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (id) DO NOTHING")) {
            st.setObject(1, a.id());
            st.setObject(2, a.taskId());
            st.setInt(3, r.iteration());
            st.setString(4, r.request().kind().name());
            st.setString(5, r.request().subject());
            st.setString(6, r.request().reason());
            st.setBoolean(7, r.decision().approved());
            st.setString(8, r.decision().decidedBy());
            st.setString(9, r.decision().note());
            st.setTimestamp(10, Sql.timestamp(r.decidedAt()));
            st.executeUpdate();
        }
    }

    private void pattern(Connection c, SuccessPattern p, float[] embedding) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO " + s + ".patterns (id, task_id, task_text,"
                + " language, project_type, approach, iterations, embedding, recorded_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?::halfvec, ?) ON CONFLICT (id) DO NOTHING")) {
            st.setObject(1, p.id());
            st.setObject(2, p.taskId());
            st.setString(3, p.taskText());
            st.setString(4, p.language().id());
            st.setString(5, p.projectType().id());
            st.setString(6, p.approach());
            st.setInt(7, p.iterations());
            st.setString(8, Sql.vector(embedding));
            st.setTimestamp(9, Sql.timestamp(p.recordedAt()));
            st.executeUpdate();
        }
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write metrics as JSON", e);
        }
    }
}
