package dev.agentloop.cli.env;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentloop.core.Agent;
import dev.agentloop.core.AgentConfig;
import dev.agentloop.core.CircuitBreakerConfig;
import dev.agentloop.core.Role;
import dev.agentloop.core.model.ScriptedChatModel;
import dev.agentloop.core.spi.AgentListener;
import dev.agentloop.core.spi.ApprovalDecision;
import dev.agentloop.core.spi.FailureMemory;
import dev.agentloop.core.testing.FakeSandbox;
import dev.agentloop.server.TaskMode;
import dev.agentloop.server.TaskSubmission;
import dev.agentloop.server.spi.AgentRequest;
import dev.langchain4j.model.chat.ChatModel;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeAgentsTest {

    @TempDir
    Path temp;

    private Agent agentFor(double serverBudget, Optional<Double> maxCost) {
        AgentConfig base = AgentConfig.builder()
                .breaker(CircuitBreakerConfig.builder().costBudget(serverBudget).build())
                .build();
        Map<Role, ChatModel> models = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            models.put(role, ScriptedChatModel.builder().build());
        }
        ServeAgents agents = new ServeAgents(base, () -> models, FailureMemory.none(), new FakeSandbox(), temp);
        TaskSubmission s = TaskSubmission.of("Write add(a, b)");
        TaskSubmission submission = new TaskSubmission(
                s.text(),
                s.language(),
                s.projectType(),
                "",
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                TaskMode.AUTONOMOUS,
                List.of(),
                List.of(),
                maxCost);
        return agents.agentFor(new AgentRequest(
                UUID.randomUUID(), 1, submission, AgentListener.NONE, request -> ApprovalDecision.approve("test")));
    }

    @Test
    void aSubmissionsCostLimitBelowTheServersBudgetIsTheRunsBudget() {
        try (Agent agent = agentFor(1.0, Optional.of(0.25))) {
            assertThat(agent.config().breaker().costBudget()).contains(0.25);
        }
    }

    @Test
    void theServersBudgetStaysWhenItIsTheLower() {
        try (Agent agent = agentFor(0.1, Optional.of(0.25))) {
            assertThat(agent.config().breaker().costBudget()).contains(0.1);
        }
    }

    @Test
    void aCostLimitAppliesWhenTheServerHasNoBudget() {
        try (Agent agent = agentFor(0, Optional.of(0.25))) {
            assertThat(agent.config().breaker().costBudget()).contains(0.25);
        }
        try (Agent agent = agentFor(0, Optional.empty())) {
            assertThat(agent.config().breaker().costBudget()).isEmpty();
        }
    }
}
