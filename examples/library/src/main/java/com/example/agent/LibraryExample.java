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
import dev.agentloop.sandbox.DockerSandbox;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Two coding tasks run by the agent loop as a library: the failure memory in PostgreSQL/pgvector, the generated code
 * in Docker containers, and a scripted model standing in for an OpenAI-compatible endpoint. The first task fails
 * once and is fixed; the second has the same kind of bug, and the memory hands it the first task's fix.
 *
 * <p>Exits 0 when both tasks are solved and the second one was helped by the memory, 1 otherwise.
 */
public final class LibraryExample {

    private LibraryExample() {}

    public static void main(String[] args) throws IOException {
        AtomicInteger memoryHits = new AtomicInteger();
        AgentListener progress = event -> {
            if (event instanceof IterationFinished finished) {
                System.out.println("  iteration " + finished.iteration() + ": " + finished.outcome() + " - "
                        + finished.summary());
            } else if (event instanceof MemoryHit hit) {
                memoryHits.incrementAndGet();
                hit.hits().forEach(h -> System.out.printf(
                        "  memory hit: %.2f %s%s%n", h.similarity(), h.summary(), h.hasFix() ? " (with its fix)" : ""));
            } else if (event instanceof FailureStored stored) {
                System.out.println("  failure stored: " + stored.signature());
            }
        };

        try (PgVectorFailureMemory memory = PgVectorFailureMemory.builder()
                        .jdbcUrl(env("AGENT_DB_URL", "jdbc:postgresql://localhost:5432/agent"))
                        .user(env("AGENT_DB_USER", "agent"))
                        .password(env("AGENT_DB_PASSWORD", "agent"))
                        .schema("library_example")
                        .embeddingModel(EmbeddingModels.allMiniLmL6V2())
                        .build();
                DockerSandbox sandbox = DockerSandbox.builder().build()) {

            AgentConfig config = AgentConfig.builder().maxIterations(4).build();
            AgentResult first = run(memory, sandbox, config, progress, "slugify", """
                    Write a Python module slugify.py with slugify(text): lower-case the words of text and join \
                    them with single dashes, dropping punctuation, for use in URLs. Include pytest tests.""");
            int hitsBefore = memoryHits.get();
            AgentResult second = run(memory, sandbox, config, progress, "username", """
                    Write a Python module username.py with make_username(full_name): a URL-safe user name made \
                    of the lower-cased parts of the name joined by single dashes. Include pytest tests.""");

            // The memory can be asked directly too: have we seen this error before?
            List<FailureMatch> seen = memory.findSimilar(FailureQuery.forError(
                            "AssertionError", "assert 'hello--world-' == 'hello-world'", Language.PYTHON)
                    .withLimit(3));
            System.out.println("past failures like it: " + seen.size());

            boolean ok = first.isSolved() && second.isSolved() && memoryHits.get() > hitsBefore;
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
