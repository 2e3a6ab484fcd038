package dev.agentloop.cli.env;

import dev.agentloop.cli.EnvironmentNotReadyException;
import dev.agentloop.cli.config.CliConfig;
import dev.agentloop.core.audit.AuditTrail;
import dev.agentloop.core.spi.FailureMemory;
import java.util.List;

/**
 * What the commands need from the rest of the library, opened from the effective config. The only place that
 * names the memory, sandbox and model implementations, so that tests run every command with fakes and so that
 * a command opens only what it uses ({@code agent history} never starts Docker or loads an embedding model).
 */
public interface Backends {

    /**
     * Opens the failure memory read-only for {@code agent history}, {@code agent show} and {@code agent memory
     * stats}: no migration, no pool, no embedding model.
     *
     * @throws EnvironmentNotReadyException when the database cannot be reached or its schema is missing or older
     *     than this version reads (the message names the fix)
     */
    MemoryReader openReader(CliConfig config);

    /**
     * Opens the failure memory for searching ({@code agent memory search}); applies the migrations and loads the
     * embedding model.
     *
     * @throws EnvironmentNotReadyException when the database cannot be reached (the message names the fix)
     */
    FailureMemory openMemory(CliConfig config);

    /**
     * Opens the memory for maintenance ({@code agent memory migrate|reembed}); applies the migrations.
     *
     * @param forReembed open even when the stored vectors come from another embedding model
     * @throws EnvironmentNotReadyException when the database cannot be reached
     */
    MemoryAdmin openMemoryAdmin(CliConfig config, boolean forReembed);

    /**
     * Starts a run on another thread.
     *
     * @throws EnvironmentNotReadyException when the database, Docker or the model endpoint is not ready
     */
    RunHandle startRun(RunRequest request);

    /**
     * Opens one agent for the many runs of {@code agent batch}: the memory the request names, one sandbox, the models
     * (the request's own, or the configured endpoint's), each wrapped by the request's decorator.
     *
     * @throws EnvironmentNotReadyException when the database (memory on), Docker or the model endpoint is not ready
     */
    SharedAgent openShared(SharedAgentRequest request);

    /**
     * Opens what {@code agent serve} runs tasks with: a database pool for the server's tables and the memory, the
     * memory, one sandbox, the models, and health checks of Docker and the model endpoint.
     *
     * @throws EnvironmentNotReadyException when the database, Docker or the model endpoint is not ready
     */
    ServerParts openServer(ServerRequest request);

    /**
     * Opens the audit trail of every action taken on GitHub, in the memory's database.
     *
     * @param forWriting create or upgrade the memory's tables first when they are missing or older ({@code agent
     *     issue}, {@code agent watch}); for reading ({@code agent audit}) they must be there
     * @throws EnvironmentNotReadyException when the database cannot be reached, or (reading) its tables are missing or
     *     older than this version reads
     */
    AuditTrail openAuditTrail(CliConfig config, boolean forWriting);

    /**
     * Opens the approvals of {@code agent serve} in the memory's database (creating or upgrading the server's tables):
     * a supervised merge asked there is listed by the server's {@code GET /api/v1/approvals} and decided by {@code POST
     * /api/v1/approvals/{id}}.
     *
     * @param timeout how long a question waits for an answer before it is denied
     * @throws EnvironmentNotReadyException when the database cannot be reached
     */
    OpenedApprovals openServerApprovals(CliConfig config, java.time.Duration timeout);

    /**
     * Opens the queue of {@code agent serve} in the memory's database (creating or upgrading the server's tables) for
     * submitting issues as tasks: any server sharing the database runs them.
     *
     * @param settings the runner's settings besides its database, clone cache and workspace root (git sources,
     *     language, mode, lines, ...)
     * @throws EnvironmentNotReadyException when the database cannot be reached or its server tables cannot be made
     */
    OpenedQueue openIssueQueue(
            CliConfig config,
            java.util.function.UnaryOperator<dev.agentloop.server.QueuedIssueRunner.Builder> settings);

    /** The checks of {@code agent doctor}, in the order they are shown. */
    List<DoctorCheck> doctorChecks(CliConfig config);
}
