package dev.agentloop.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentloop.core.event.MemoryHit;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JsonWriterTest {

    @Test
    void writesEventsAsParseableJsonWithTheirType() throws Exception {
        UUID task = UUID.randomUUID();
        MemoryHit hit = new MemoryHit(
                task,
                2,
                Instant.parse("2025-01-01T10:00:00Z"),
                List.of(new MemoryHit.Hit(UUID.randomUUID(), UUID.randomUUID(), 0.875, true, "Error: \"quoted\"\n")));
        JsonNode node = new ObjectMapper().readTree(JsonWriter.writeTyped(hit));
        assertThat(node.get("type").asText()).isEqualTo("MemoryHit");
        assertThat(node.get("taskId").asText()).isEqualTo(task.toString());
        assertThat(node.get("at").asText()).isEqualTo("2025-01-01T10:00:00Z");
        assertThat(node.get("hits").get(0).get("similarity").asDouble()).isEqualTo(0.875);
        assertThat(node.get("hits").get(0).get("summary").asText()).isEqualTo("Error: \"quoted\"\n");
    }

    @Test
    void tableCutsTheFlexibleColumnToFit() {
        Table t = new Table(1, "ID", "TASK", "STATUS").row("abc", "a very long task text indeed", "solved");
        List<String> lines = t.render(24);
        assertThat(lines).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(24));
        assertThat(lines.get(1)).startsWith("abc  a very").contains("…").endsWith("solved");
    }
}
