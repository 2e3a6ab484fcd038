package dev.agentloop.memory;

/** The contract with the light hashing embedding. */
class InMemoryFailureMemoryTest extends FailureMemoryContract {

    @Override
    protected ManagedFailureMemory create() {
        return InMemoryFailureMemory.of(EmbeddingModels.hashing(256));
    }
}
