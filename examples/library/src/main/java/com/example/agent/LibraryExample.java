package com.example.agent;

import dev.agentloop.core.Agent;
import dev.agentloop.core.AgentConfig;
import dev.agentloop.core.AgentResult;
import dev.agentloop.core.Language;
import dev.agentloop.core.ProjectType;
import dev.agentloop.core.Task;
import dev.agentloop.core.event.FailureStored;
import dev.agentloop.core.event.IterationFinished;
import dev.agentloop.core.event.MemoryHit;
import dev.agentloop.core.model.ScriptedChatModel;
import dev.agentloop.core.spi.AgentListener;
import dev.agentloop.core.spi.FailureMatch;
import dev.agentloop.core.spi.FailureQuery;
import dev.agentloop.memory.EmbeddingModels;
import dev.agentloop.memory.PgVectorFailureMemory;
import dev.agentloop.memory.RetrievalSettings;
import dev.agentloop.sandbox.DockerSandbox;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Two coding tasks run by the agent loop as a library: the failure memory in PostgreSQL/pgvector, the generated code
 * in Docker containers, and a scripted model standing in for an OpenAI-compatible endpoint. The first task fails
 * once and is fixed; the second has the same kind of bug, and the memory hands it the first task's fix.
 *
 * <p>Exits 0 when both tasks are solved and the second one was handed the first one's failure by the memory, 1
 * otherwise. With {@code --fresh} it first drops the example's schema, so that what the memory hands out comes from
 * this run alone (the build runs it so).
 */
public final class LibraryExample {

    private LibraryExample() {}

    private static final String SCHEMA = "library_example";

    public static void main(String[] args) throws IOException, SQLException {
        String url = env("AGENT_DB_URL", "jdbc:postgresql://localhost:5432/agent");
        String user = env("AGENT_DB_USER", "agent");
        String password = env("AGENT_DB_PASSWORD", "agent");
        if (List.of(args).contains("--fresh")) {
            try (Connection c = DriverManager.getConnection(url, user, password);
                    Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            }
        }
        // task id -> the past tasks whose failures the memory handed to it
        ConcurrentHashMap<UUID, Set<UUID>> handedOver = new ConcurrentHashMap<>();
        AgentListener progress = event -> {
            if (event instanceof IterationFinished finished) {
                System.out.println("  iteration " + finished.iteration() + ": " + finished.outcome() + " - "
                        + finished.summary());
            } else if (event instanceof MemoryHit hit) {
                hit.hits().forEach(h -> handedOver
                        .computeIfAbsent(hit.taskId(), id -> ConcurrentHashMap.newKeySet())
                        .add(h.pastTaskId()));
                hit.hits().forEach(h -> System.out.printf(
                        "  memory hit: %.2f %s%s%n", h.similarity(), h.summary(), h.hasFix() ? " (with its fix)" : ""));
            } else if (event instanceof FailureStored stored) {
                System.out.println("  failure stored: " + stored.signature());
            }
        };

        try (PgVectorFailureMemory memory = PgVectorFailureMemory.builder()
                        .jdbcUrl(url)
                        .user(user)
                        .password(password)
                        .schema(SCHEMA)
                        .embeddingModel(EmbeddingModels.allMiniLmL6V2())
                        // The default least score (RetrievalSettings.DEFAULT_MIN_SCORE) lets the memory abstain unless
                        // several signals agree, calibrated on hundreds of failures; a memory of one failure cannot
                        // reach it, so this demonstration hands out every match.
                        .retrieval(RetrievalSettings.ofDefaults().withMinScore(0))
                        .build();
                DockerSandbox sandbox = DockerSandbox.builder().build()) {

            AgentConfig config = AgentConfig.builder().maxIterations(4).build();
            AgentResult first = run(memory, sandbox, config, progress, "slugify", """
                    Write a Python module slugify.py with slugify(text): lower-case the words of text and join \
                    them with single dashes, dropping punctuation, for use in URLs. Include pytest tests.""");
            AgentResult second = run(memory, sandbox, config, progress, "username", """
                    Write a Python module username.py with make_username(full_name): a URL-safe user name made \
                    of the lower-cased parts of the name joined by single dashes. Include pytest tests.""");

            // The memory can be asked directly too: have we seen this error before?
            List<FailureMatch> seen = memory.findSimilar(FailureQuery.forError(
                            "AssertionError", "assert 'hello--world-' == 'hello-world'", Language.PYTHON)
                    .withLimit(3));
            System.out.println("past failures like it: " + seen.size());

            boolean helped = handedOver.getOrDefault(second.taskId(), Set.of()).contains(first.taskId());
            boolean ok = first.isSolved() && second.isSolved() && helped;
            System.out.println(ok ? "OK: both solved, the second with the first one's fix" : "NOT OK");
            System.exit(ok ? 0 : 1);
        }
    }

    private static AgentResult run(
            PgVectorFailureMemory memory,
            DockerSandbox sandbox,
            AgentConfig config,
            AgentListener progress,
            String script,
            String text) throws IOException {
        // One agent per scripted conversation; a real endpoint would be one OpenAiChatModel for every task.
        try (Agent agent = Agent.builder()
                .chatModel(scriptedModel(script))
                .memory(memory)
                .sandbox(sandbox)
                .config(config)
                .listener(progress)
                .build()) {
            System.out.println(script + ":");
            AgentResult result = agent.run(
                    Task.of(text).withLanguage(Language.PYTHON).withProjectType(ProjectType.LIBRARY));
            System.out.println(result.<String>fold(
                    solved -> "  solved in " + solved.iterations() + " iteration(s); files " + solved.files().keySet(),
                    stopped -> "  stopped: " + stopped.reason() + " (" + stopped.detail() + ")",
                    failed -> "  failed: " + failed.message()));
            return result;
        }
    }

    private static ScriptedChatModel scriptedModel(String name) throws IOException {
        try (InputStream in = LibraryExample.class.getResourceAsStream("/scripts/" + name + ".json")) {
            if (in == null) {
                throw new IOException("no script " + name + ".json on the class path");
            }
            return ScriptedChatModel.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8), name + ".json");
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
