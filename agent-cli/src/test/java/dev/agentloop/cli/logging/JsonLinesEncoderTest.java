package dev.agentloop.cli.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesEncoderTest {

    private final ObjectMapper json = new ObjectMapper();

    private static JsonLinesEncoder encoder(LoggerContext context) {
        JsonLinesEncoder encoder = new JsonLinesEncoder();
        encoder.setContext(context);
        encoder.setZone("UTC");
        encoder.start();
        return encoder;
    }

    @Test
    void writesOneParseableLineWithTheRunContextFromTheMdc() throws Exception {
        LoggerContext context = new LoggerContext();
        Logger logger = context.getLogger("dev.agentloop.core.internal.SomeLongClassNameForTheLoop");
        LoggingEvent event =
                new LoggingEvent("x", logger, Level.WARN, "Tests failed: {}", null, new Object[] {"\"quoted\"\nnext"});
        event.setTimeStamp(1_735_725_600_123L);
        event.setMDCPropertyMap(Map.of("task_id", "3f2a9c1e", "iteration", "2", "phase", "TEST"));

        String line = new String(encoder(context).encode(event), StandardCharsets.UTF_8);

        assertThat(line).endsWith("}\n").doesNotContain("\nnext");
        JsonNode node = json.readTree(line);
        assertThat(node.get("ts").asText()).isEqualTo("2025-01-01T10:00:00.123Z");
        assertThat(node.get("level").asText()).isEqualTo("WARN");
        assertThat(node.get("task_id").asText()).isEqualTo("3f2a9c1e");
        assertThat(node.get("iteration").isNumber()).isTrue();
        assertThat(node.get("iteration").asLong()).isEqualTo(2);
        assertThat(node.get("phase").asText()).isEqualTo("TEST");
        assertThat(node.get("logger").asText()).hasSizeLessThanOrEqualTo(36).endsWith("SomeLongClassNameForTheLoop");
        assertThat(node.get("message").asText()).isEqualTo("Tests failed: \"quoted\"\nnext");
        assertThat(node.has("stack")).isFalse();
    }

    @Test
    void outsideARunTheContextFieldsHaveTheirPlaceholdersAndATraceGoesToStack() throws Exception {
        LoggerContext context = new LoggerContext();
        LoggingEvent event = new LoggingEvent(
                "x",
                context.getLogger("dev.agentloop.cli.AgentCli"),
                Level.ERROR,
                "Internal error",
                new IllegalStateException("boom"),
                null);
        event.setMDCPropertyMap(Map.of());

        JsonNode node = json.readTree(encoder(context).encode(event));

        assertThat(node.get("task_id").asText()).isEqualTo("-");
        assertThat(node.get("iteration").asLong()).isZero();
        assertThat(node.get("phase").asText()).isEqualTo("-");
        assertThat(node.get("stack").asText())
                .contains("java.lang.IllegalStateException: boom")
                .contains("\tat dev.agentloop.cli.logging.JsonLinesEncoderTest");
    }

    @Test
    void configuratorWritesJsonLinesToTheLogFolderAtTheConfiguredLevelWithQuietLibraries(@TempDir Path dir)
            throws Exception {
        String oldDir = System.getProperty("agent.log.dir");
        String oldLevel = System.getProperty("agent.log.level");
        System.setProperty("agent.log.dir", dir.toString());
        System.setProperty("agent.log.level", "INFO");
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        context.start();
        try {
            LogConfigurator configurator = new LogConfigurator();
            configurator.setContext(context);
            configurator.configure(context);
            Logger logger = context.getLogger("dev.agentloop.cli.Test");
            logger.debug("not written at INFO");
            logger.info("written");
            context.getLogger("com.zaxxer.hikari.pool").info("library chatter, not written");
            context.getLogger("com.zaxxer.hikari.pool").warn("library warning");
        } finally {
            context.stop();
            restore("agent.log.dir", oldDir);
            restore("agent.log.level", oldLevel);
        }
        List<String> lines = Files.readAllLines(dir.resolve("agent.log"));
        assertThat(lines).hasSize(2);
        assertThat(json.readTree(lines.get(0)).get("message").asText()).isEqualTo("written");
        assertThat(json.readTree(lines.get(1)).get("message").asText()).isEqualTo("library warning");
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
