package dev.agentloop.memory;

import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/** The local {@code agentloop/pgvector} image as a Testcontainers PostgreSQL container. */
final class PgVectorContainers {

    private PgVectorContainers() {}

    /** A new, not yet started container; the caller starts and stops it. Skips or fails when the image is missing. */
    static PostgreSQLContainer create() {
        TestServices.requirePgvectorImage();
        return new PostgreSQLContainer(
                        DockerImageName.parse(TestServices.PGVECTOR_IMAGE).asCompatibleSubstituteFor("postgres"))
                .withDatabaseName("agent")
                .withUsername("agent")
                .withPassword("agent")
                .withLabel("dev.agentloop.test", "agent-memory");
    }
}
