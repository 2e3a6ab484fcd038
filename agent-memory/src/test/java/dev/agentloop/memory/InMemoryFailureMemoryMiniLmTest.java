package dev.agentloop.memory;

import org.junit.jupiter.api.AfterAll;

/** The contract with the real in-process all-MiniLM-L6-v2 model, loaded once for the class. */
class InMemoryFailureMemoryMiniLmTest extends FailureMemoryContract {

    private static final MemoryEmbeddingModel MODEL = EmbeddingModels.allMiniLmL6V2();

    @Override
    protected ManagedFailureMemory create() {
        return InMemoryFailureMemory.of(MODEL);
    }

    @AfterAll
    static void modelWasLoaded() {
        org.assertj.core.api.Assertions.assertThat(MODEL.loaded()).isTrue();
    }
}
