package dev.agentloop.memory.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SchemaVersionsTest {

    @Test
    void ordersVersionsNumericallyPartByPart() {
        assertThat(SchemaVersions.ORDER.compare("2", "10")).isNegative();
        assertThat(SchemaVersions.ORDER.compare("1.1", "1")).isPositive();
        assertThat(SchemaVersions.ORDER.compare("1.0", "1")).isZero();
        assertThat(SchemaVersions.newest(Stream.of("1", "10", "2.5", "9"))).contains("10");
    }

    @Test
    void readsTheVersionOfMigrationFileNamesOnly() {
        assertThat(SchemaVersions.ofFileName("dev/agentloop/memory/db/V2__fix_kind.sql"))
                .contains("2");
        assertThat(SchemaVersions.ofFileName("V1_2__x.sql")).contains("1.2");
        assertThat(SchemaVersions.ofFileName("R__repeatable.sql")).isEmpty();
        assertThat(SchemaVersions.ofFileName("V3__notes.txt")).isEmpty();
    }

    @Test
    void shippedIsTheNewestMigrationOnTheClasspath() throws Exception {
        String newest;
        try (Stream<java.nio.file.Path> files = java.nio.file.Files.list(java.nio.file.Path.of(SchemaVersions.class
                .getResource("/" + SchemaVersions.MIGRATIONS)
                .toURI()))) {
            newest = SchemaVersions.newest(files.map(p -> p.getFileName().toString())
                            .map(SchemaVersions::ofFileName)
                            .flatMap(java.util.Optional::stream))
                    .orElseThrow();
        }
        assertThat(SchemaVersions.shipped()).isEqualTo(newest);
    }
}
