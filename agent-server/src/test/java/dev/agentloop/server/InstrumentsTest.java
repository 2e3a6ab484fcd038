package dev.agentloop.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentloop.core.Language;
import dev.agentloop.core.ProjectType;
import dev.agentloop.core.spi.AgentListener;
import dev.agentloop.core.spi.ApprovalHandler;
import dev.agentloop.core.spi.FailureMemory;
import dev.agentloop.core.spi.Sandbox;
import dev.agentloop.core.spi.SandboxSession;
import dev.agentloop.core.spi.SandboxSpec;
import dev.agentloop.core.testing.FakeSandbox;
import dev.agentloop.core.testing.RecordingFailureMemory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstrumentsTest {

    @TempDir
    Path workspace;

    @Test
    void timesSandboxOpensAndDelegates() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        FakeSandbox fake = new FakeSandbox().thenReport(FakeSandbox.passing(1));
        Sandbox metered = Instruments.metered(fake, registry);
        UUID task = UUID.randomUUID();
        try (SandboxSession session = metered.open(new SandboxSpec(
                task,
                Language.PYTHON,
                ProjectType.LIBRARY,
                workspace,
                AgentListener.NONE,
                ApprovalHandler.denyAll()))) {
            assertThat(session).isNotNull();
        }
        assertThat(registry.get("agentloop.sandbox.open").timer().count()).isEqualTo(1);
        assertThat(metered.describe()).isEqualTo(fake.describe());
    }

    @Test
    void timesRetrievalsByKindAndDelegatesWrites() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        RecordingFailureMemory recording = new RecordingFailureMemory();
        FailureMemory metered = Instruments.metered(recording, registry);
        metered.findPatterns("write add", 3);
        metered.findPatterns("write sub", 3);
        assertThat(registry.get("agentloop.memory.retrieval")
                        .tag("kind", "success_patterns")
                        .timer()
                        .count())
                .isEqualTo(2);
        assertThat(registry.get("agentloop.memory.retrieval")
                        .tag("kind", "similar_failures")
                        .timer()
                        .count())
                .isZero();
        metered.findSimilar(dev.agentloop.core.spi.FailureQuery.forError("AssertionError", "1 != 2", Language.PYTHON));
        assertThat(registry.get("agentloop.memory.retrieval")
                        .tag("kind", "similar_failures")
                        .timer()
                        .count())
                .isEqualTo(1);
        metered.recordTask(new dev.agentloop.core.spi.TaskRecord(
                UUID.randomUUID(), "t", Language.PYTHON, ProjectType.LIBRARY, "", java.time.Instant.EPOCH));
        assertThat(recording.tasks()).hasSize(1);
    }
}
