package dev.agentloop.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentloop.core.event.AgentEvent;
import dev.agentloop.core.event.AgentWarning;
import dev.agentloop.core.testing.RecordingListener;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AgentListenerTest {

    private final AgentEvent event = new AgentWarning(
            UUID.fromString("00000000-0000-0000-0000-000000000001"), 1, Instant.EPOCH, "test", "a warning");

    @Test
    void aThrowingListenerSilencesNoneOfTheOthers() {
        RecordingListener second = new RecordingListener();
        RecordingListener third = new RecordingListener();
        AgentListener all = AgentListener.all(List.of(
                e -> {
                    throw new IllegalStateException("first listener bug");
                },
                second,
                e -> {
                    throw new UnsupportedOperationException("third listener bug");
                },
                third));

        all.onEvent(event);

        assertThat(second.events()).containsExactly(event);
        assertThat(third.events()).containsExactly(event);
    }

    @Test
    void callsEachListenerInOrder() {
        List<String> calls = new ArrayList<>();
        AgentListener all = AgentListener.all(List.of(e -> calls.add("a"), e -> calls.add("b"), e -> calls.add("c")));

        all.onEvent(event);

        assertThat(calls).containsExactly("a", "b", "c");
    }

    @Test
    void anErrorIsNotSwallowed() {
        AgentListener all = AgentListener.all(List.of(e -> {
            throw new OutOfMemoryError("heap");
        }));

        assertThatThrownBy(() -> all.onEvent(event)).isInstanceOf(OutOfMemoryError.class);
    }
}
