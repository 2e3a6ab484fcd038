package dev.agentloop.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentloop.core.Language;
import dev.agentloop.core.ProjectType;
import dev.agentloop.core.spi.HistoryQuery;
import dev.agentloop.core.spi.TaskRecord;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EmbeddingModelsTest {

    @Test
    void resolvesConfigNames() {
        assertThat(EmbeddingModels.named(null, Map.of()).name()).isEqualTo("all-minilm-l6-v2");
        assertThat(EmbeddingModels.named("all-MiniLM-L6-v2", Map.of()).dimension())
                .isEqualTo(384);
        assertThat(EmbeddingModels.named("hashing-128", Map.of()).dimension()).isEqualTo(128);
        assertThat(EmbeddingModels.named("openai:text-embedding-3-small", Map.of("OPENAI_API_KEY", "k"))
                        .dimension())
                .isEqualTo(1536);
    }

    @Test
    void rejectsUnknownNamesAndMissingKeysSayingWhatToDo() {
        assertThatThrownBy(() -> EmbeddingModels.named("bert-huge", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bert-huge")
                .hasMessageContaining("all-minilm-l6-v2");
        assertThatThrownBy(() -> EmbeddingModels.named("openai:text-embedding-3-small", Map.of()))
                .hasMessageContaining("OPENAI_API_KEY");
    }

    @Test
    void loadsTheModelOnceAndOnlyWhenSomethingIsEmbedded() {
        AtomicInteger loads = new AtomicInteger();
        MemoryEmbeddingModel lazy = MemoryEmbeddingModel.lazy("counting", 64, () -> {
            loads.incrementAndGet();
            return new dev.agentloop.memory.internal.HashingEmbeddingModel(64);
        });
        InMemoryFailureMemory memory = InMemoryFailureMemory.of(lazy);
        memory.recordTask(new TaskRecord(
                UUID.randomUUID(),
                "t",
                Language.PYTHON,
                ProjectType.LIBRARY,
                "",
                Instant.parse("2026-01-01T00:00:00Z")));
        memory.history(HistoryQuery.latest(10));
        memory.stats();
        assertThat(loads).hasValue(0);
        assertThat(lazy.loaded()).isFalse();

        lazy.embed("one");
        lazy.embed("two");
        assertThat(loads).hasValue(1);
        assertThat(lazy.embed("three")).hasSize(64);
    }
}
