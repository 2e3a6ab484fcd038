package dev.agentloop.server.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentloop.core.AgentResult;
import dev.agentloop.core.Role;
import dev.agentloop.core.event.AgentEvent;
import dev.agentloop.core.event.FailureStored;
import dev.agentloop.core.event.IterationFinished;
import dev.agentloop.core.event.IterationOutcome;
import dev.agentloop.core.event.MemoryHit;
import dev.agentloop.core.event.ModelCalled;
import dev.agentloop.core.event.Planned;
import dev.agentloop.core.event.RunFinished;
import dev.agentloop.core.event.TestsRun;
import dev.agentloop.core.model.SecretRedactor;
import dev.agentloop.core.spi.TestOutcome;
import dev.agentloop.git.github.RunFacts;
import dev.agentloop.git.github.RunFactsRecorder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventReaderTest {

    private final EventJson json = new EventJson(SecretRedactor.of(Map.of()));
    private final EventReader reader = new EventReader();
    private final UUID task = UUID.randomUUID();
    private final Instant at = Instant.parse("2026-12-01T00:00:07Z");

    private List<AgentEvent> run() {
        return List.of(
                new Planned(task, 0, at, "Approach: fix count_words\nFiles: textkit/words.py"),
                new TestsRun(task, 0, at, TestOutcome.FAILED, 1, 2, 0, Duration.ofMillis(812), "2 failed"),
                new ModelCalled(task, 1, at, Role.CODER, "scripted", 1500, 531, Duration.ofMillis(40), true),
                new FailureStored(task, 1, at, UUID.randomUUID(), "AssertionError: count_words off by one"),
                new MemoryHit(
                        task,
                        1,
                        at,
                        List.of(new MemoryHit.Hit(UUID.randomUUID(), UUID.randomUUID(), 0.91, true, "AssertionError"))),
                new TestsRun(task, 2, at, TestOutcome.TIMED_OUT, 2, 0, 1, Duration.ofSeconds(30), "timed out"),
                new IterationFinished(
                        task, 2, at, IterationOutcome.TESTS_FAILED, 2031, Duration.ofMillis(9200), "tests timed out"));
    }

    @Test
    void storedEventsReadBackGiveTheFactsTheLiveEventsGave() {
        RunFactsRecorder live = new RunFactsRecorder();
        RunFactsRecorder stored = new RunFactsRecorder();
        for (AgentEvent event : run()) {
            live.onEvent(event);
            reader.read(EventJson.type(event), json.write(event)).ifPresent(stored::onEvent);
        }

        RunFacts facts = stored.facts();
        assertThat(facts).isEqualTo(live.facts());
        assertThat(facts.plan()).startsWith("Approach: fix count_words");
        assertThat(facts.testsBefore()).isEqualTo("1 passed, 2 failing");
        assertThat(facts.testsAfter()).isEqualTo("2/3 passed (timed out)");
        assertThat(facts.failures()).containsExactly("AssertionError: count_words off by one");
        assertThat(facts.memoryHits()).containsExactly("similarity 0.91, fix known: AssertionError");
        assertThat(facts.tokens()).isEqualTo(2031);
        assertThat(facts.lastIteration()).isEqualTo("tests timed out");
    }

    @Test
    void readsDurationsFromMillisecondsAndEnumsFromLowerCase() {
        ModelCalled called = new ModelCalled(task, 1, at, Role.REFLECTOR, "gpt", 10, 5, Duration.ofMillis(1500), false);

        assertThat(reader.read("ModelCalled", json.write(called))).contains(called);
    }

    @Test
    void leavesOutUnknownTypesAndEventsTheStoredFormCannotMake() {
        RunFinished finished = new RunFinished(
                task, 1, at, new AgentResult.Solved(task, Map.of(), 1, 10, 0, Duration.ZERO, Path.of("/ws")));

        assertThat(reader.read("RunFinished", json.write(finished))).isEmpty();
        assertThat(reader.read("SomethingNew", "{\"type\": \"SomethingNew\"}")).isEmpty();
        assertThat(reader.read("Planned", "not json")).isEqualTo(Optional.empty());
    }
}
