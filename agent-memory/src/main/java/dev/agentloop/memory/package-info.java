/**
 * The failure memory: {@link dev.agentloop.core.spi.FailureMemory} implementations and what the CLI needs around
 * them.
 *
 * <ul>
 *   <li>{@link dev.agentloop.memory.PgVectorFailureMemory} — PostgreSQL + pgvector, schema by Flyway, HNSW and GIN
 *       indexes, retry then an fsync'd spool file replayed in order. Built with {@code builder()}.
 *   <li>{@link dev.agentloop.memory.InMemoryFailureMemory} — the same behaviour in the heap, for tests and embedded
 *       use.
 *   <li>{@link dev.agentloop.memory.PgVectorHistory} — read-only history over one connection (no pool, no model).
 *   <li>{@link dev.agentloop.memory.EmbeddingModels} — the embedding models by config name; models load lazily.
 *   <li>{@link dev.agentloop.memory.ManagedFailureMemory} — stats, health and re-embedding for {@code agent memory}
 *       and {@code agent doctor}.
 *   <li>{@link dev.agentloop.memory.RetrievalSettings} — how similar failures are ranked (defaults measured on
 *       failbench).
 *   <li>What is removed from text before it is stored or embedded: the library's one set of rules, {@link
 *       dev.agentloop.core.model.SecretRedactor}.
 * </ul>
 *
 * <p>Nothing in {@code dev.agentloop.memory.internal} is API.
 */
package dev.agentloop.memory;
