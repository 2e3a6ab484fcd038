package dev.agentloop.cli.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentloop.cli.config.CliConfig;
import dev.agentloop.cli.config.ConfigException;
import dev.agentloop.cli.config.ConfigLoader;
import dev.agentloop.cli.support.CliHarness;
import dev.agentloop.memory.EmbeddedText;
import dev.agentloop.memory.PgVectorFailureMemory;
import dev.agentloop.memory.RetrievalSettings;
import dev.agentloop.memory.RetryPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The memory: section of config/agent.yaml, as the settings of PgVectorFailureMemory.Builder. */
class MemorySettingsTest {

    @TempDir
    Path temp;

    final Map<String, String> env = new HashMap<>();

    private Path project() {
        return temp.resolve("project");
    }

    private Path home() {
        return temp.resolve("home");
    }

    private MemorySettings settings(String projectYaml) {
        CliHarness.write(project().resolve("config/agent.yaml"), projectYaml);
        CliConfig config = new ConfigLoader(project(), home(), env).load(Map.of());
        return MemorySettings.from(config, home(), project());
    }

    @Test
    void withoutAMemorySectionTheMemorysOwnDefaultsApply() {
        MemorySettings s = settings("");
        assertThat(s.spoolFile()).isEqualTo(home().resolve(".agentloop/spool/public.jsonl"));
        assertThat(s.retryPolicy()).isEqualTo(RetryPolicy.ofDefaults());
        assertThat(s.replayInterval()).isEqualTo(PgVectorFailureMemory.Builder.DEFAULT_REPLAY_INTERVAL);
        assertThat(s.retrieval()).isEqualTo(RetrievalSettings.ofDefaults());
    }

    @Test
    void everyMemoryKeyIsMapped() {
        MemorySettings s = settings("""
                memory:
                  spool-file: /var/spool/agent/<schema>-writes.jsonl
                  write-attempts: 1
                  replay-interval: 2m
                  embedded-text: signature-errors-and-code
                  hybrid: false
                  fix-line-matching: false
                  min-score: 1.5
                  min-pattern-similarity: 0.8
                """);
        assertThat(s.spoolFile()).isEqualTo(Path.of("/var/spool/agent/public-writes.jsonl"));
        assertThat(s.retryPolicy().maxAttempts()).isEqualTo(1);
        // Only the attempts are configurable; the backoff stays the memory's.
        assertThat(s.retryPolicy().initialBackoff())
                .isEqualTo(RetryPolicy.ofDefaults().initialBackoff());
        assertThat(s.retryPolicy().maxBackoff())
                .isEqualTo(RetryPolicy.ofDefaults().maxBackoff());
        assertThat(s.replayInterval()).isEqualTo(Duration.ofMinutes(2));
        assertThat(s.retrieval())
                .isEqualTo(RetrievalSettings.ofDefaults()
                        .withEmbeddedText(EmbeddedText.SIGNATURE_ERRORS_AND_CODE)
                        .withHybrid(false)
                        .withFixLineMatching(false)
                        .withMinScore(1.5)
                        .withMinPatternSimilarity(0.8));
    }

    @Test
    void everyEmbeddedTextHasAConfigSpelling() {
        for (EmbeddedText text : EmbeddedText.values()) {
            String id = text.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
            assertThat(settings("memory:\n  embedded-text: " + id + "\n")
                            .retrieval()
                            .embeddedText())
                    .isEqualTo(text);
        }
    }

    @Test
    void theSchemaPlaceholderFollowsDatabaseSchemaAndRelativePathsAreUnderTheProject() {
        env.put("AGENT_DATABASE_SCHEMA", "agent_test");
        MemorySettings s = settings("memory:\n  spool-file: state/<schema>.jsonl\n  replay-interval: 0\n");
        assertThat(s.spoolFile()).isEqualTo(project().resolve("state/agent_test.jsonl"));
        assertThat(s.replayInterval()).isZero();
    }

    @Test
    void theEnvironmentOverridesTheFile() {
        env.put("AGENT_MEMORY_EMBEDDED_TEXT", "output");
        env.put("AGENT_MEMORY_HYBRID", "false");
        MemorySettings s = settings("memory:\n  embedded-text: signature\n  hybrid: true\n");
        assertThat(s.retrieval().embeddedText()).isEqualTo(EmbeddedText.OUTPUT);
        assertThat(s.retrieval().hybrid()).isFalse();
    }

    @Test
    void aSpoolFileThatIsAFolderIsAConfigErrorNamingWhereItWasSet() throws Exception {
        Files.createDirectories(project().resolve("spool"));
        assertThatThrownBy(() -> settings("database:\n  schema: public\nmemory:\n  spool-file: spool/\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config/agent.yaml:4: 'memory.spool-file' is 'spool/', which is a folder; name a file in"
                        + " it, e.g. spool/<schema>.jsonl.");
    }

    @Test
    void writeAttemptsOutOfRangeIsRejectedWhenLoading() {
        assertThatThrownBy(() -> settings("memory:\n  write-attempts: 0\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config/agent.yaml:2: 'memory.write-attempts' is '0', but it must be an integer in"
                        + " 1..10.");
    }
}
