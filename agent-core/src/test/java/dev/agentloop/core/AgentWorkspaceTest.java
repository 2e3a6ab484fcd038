package dev.agentloop.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentloop.core.model.ScriptedChatModel;
import dev.agentloop.core.testing.FakeSandbox;
import dev.agentloop.core.testing.MutableClock;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where workspaces go and whether they outlive their runs: nothing is left behind unless asked. */
class AgentWorkspaceTest {

    @TempDir
    Path chosen;

    private static Agent.Builder agent() {
        ScriptedChatModel model =
                Scripts.basics().respond(Role.CODER, Scripts.code("a + b")).build();
        return Agent.builder()
                .chatModel(model)
                .sandbox(new FakeSandbox().thenReport(FakeSandbox.passing(1)))
                .clock(MutableClock.atEpoch());
    }

    @Test
    void withoutARootTheWorkspaceIsTemporaryAndNothingIsLeftAfterClose() {
        Path root;
        AgentResult result;
        try (Agent agent = agent().build()) {
            root = agent.workspaceRoot();
            result = agent.run(Task.of("add"));

            assertThat(root)
                    .startsWith(Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath());
            assertThat(result.isSolved()).isTrue();
            assertThat(result.files()).containsKey("solution.py");
            assertThat(result.workspace().getParent()).isEqualTo(root);
            assertThat(result.workspace()).doesNotExist();
        }
        assertThat(root).doesNotExist();
    }

    @Test
    void keptWorkspacesUnderATemporaryRootSurviveTheRunAndTheClose() throws Exception {
        Agent agent = agent().keepWorkspaces(true).build();
        AgentResult result = agent.run(Task.of("add"));
        agent.close();

        try {
            assertThat(result.workspace().resolve("solution.py")).exists();
        } finally {
            dev.agentloop.core.testing.Folders.delete(agent.workspaceRoot());
        }
    }

    @Test
    void aChosenRootKeepsItsWorkspacesByDefaultAndIsNeverRemoved() {
        AgentResult result;
        try (Agent agent = agent().workspaceRoot(chosen).build()) {
            result = agent.run(Task.of("add"));
        }

        assertThat(result.workspace()).startsWith(chosen);
        assertThat(result.workspace().resolve("solution.py")).exists();
        assertThat(chosen).exists();
    }

    @Test
    void aChosenRootWithoutKeepingLosesTheRunsWorkspaceButStays() {
        AgentResult result;
        try (Agent agent = agent().workspaceRoot(chosen).keepWorkspaces(false).build()) {
            result = agent.run(Task.of("add"));
        }

        assertThat(result.files()).containsKey("solution.py");
        assertThat(result.workspace()).doesNotExist();
        assertThat(chosen).isDirectory();
    }

    @Test
    void aClosedAgentWithATemporaryRootRefusesNewRuns() {
        Agent agent = agent().build();
        agent.close();

        assertThatThrownBy(() -> agent.run(Task.of("add")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }
}
