package dev.agentloop.cli.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.agentloop.core.Agent;
import dev.agentloop.core.AgentResult;
import dev.agentloop.core.LogContext;
import dev.agentloop.core.Role;
import dev.agentloop.core.Task;
import dev.agentloop.core.model.ScriptedChatModel;
import dev.agentloop.core.testing.FakeSandbox;
import dev.agentloop.core.testing.MutableClock;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The keys the loop puts in the MDC are the ones the log layout reads, on every line of a run, and they go after. */
class LogContextTest {

    @TempDir
    Path root;

    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final Logger core = (Logger) LoggerFactory.getLogger("dev.agentloop.core");

    @BeforeEach
    void capture() {
        lines.start();
        core.addAppender(lines);
    }

    @AfterEach
    void release() {
        core.detachAppender(lines);
        MDC.clear();
    }

    @Test
    void everyLineOfARunCarriesItsTaskIdAndTheKeysAreGoneAfterIt() {
        MDC.put(LogContext.PHASE, "outer");
        Task task = Task.of("add");

        AgentResult result = Agent.builder()
                .chatModel(model())
                .sandbox(new FakeSandbox().thenReport(FakeSandbox.passing(1)))
                .clock(MutableClock.atEpoch())
                .workspaceRoot(root)
                .build()
                .run(task);

        assertThat(result).isInstanceOf(AgentResult.Solved.class);
        List<ILoggingEvent> runLines = lines.list.stream()
                .filter(e -> e.getLoggerName().startsWith("dev.agentloop.core"))
                .toList();
        assertThat(runLines).extracting(ILoggingEvent::getFormattedMessage).anyMatch(m -> m.startsWith("Run started"));
        assertThat(runLines)
                .allSatisfy(e -> assertThat(e.getMDCPropertyMap())
                        .as(e.getFormattedMessage())
                        .containsEntry(LogContext.TASK_ID, task.id().toString())
                        .containsKeys(LogContext.ITERATION, LogContext.PHASE));
        assertThat(MDC.get(LogContext.TASK_ID)).isNull();
        assertThat(MDC.get(LogContext.ITERATION)).isNull();
        assertThat(MDC.get(LogContext.PHASE))
                .as("the caller's own value is put back")
                .isEqualTo("outer");
    }

    private static ScriptedChatModel model() {
        return ScriptedChatModel.builder()
                .respond(Role.REPROMPTER, "{\"goal\": \"add(a, b) returns the sum\"}")
                .respond(
                        Role.PLANNER,
                        "{\"approach\": \"one function\", \"files\": [{\"path\": \"solution.py\", \"purpose\": \"add\"}]}")
                .respond(
                        Role.TESTER,
                        "{\"files\": [{\"path\": \"test_solution.py\", \"content\": \"from solution import add\\n\"}]}")
                .respond(
                        Role.CODER,
                        "{\"edits\": [{\"path\": \"solution.py\", \"content\": \"def add(a, b):\\n    return a + b\\n\"}]}")
                .build();
    }
}
