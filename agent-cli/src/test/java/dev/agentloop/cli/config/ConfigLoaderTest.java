package dev.agentloop.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentloop.cli.support.CliHarness;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path temp;

    final Map<String, String> env = new HashMap<>();

    private CliConfig load(Map<String, ConfigLoader.Flag> flags) {
        return new ConfigLoader(temp.resolve("project"), temp.resolve("home"), env).load(flags);
    }

    private void project(String yaml) {
        CliHarness.write(temp.resolve("project/config/agent.yaml"), yaml);
    }

    private void user(String yaml) {
        CliHarness.write(temp.resolve("home/.agentloop/agent.yaml"), yaml);
    }

    @Test
    void builtInDefaultsApplyWithoutFiles() {
        CliConfig config = load(Map.of());
        assertThat(config.integer(ConfigSchema.MAX_ITERATIONS)).isEqualTo(10);
        assertThat(config.get(ConfigSchema.MODE)).isEqualTo("supervised");
        assertThat(config.origin(ConfigSchema.MAX_ITERATIONS)).contains(ConfigOrigin.DEFAULT);
        assertThat(config.files()).isEmpty();
    }

    @Test
    void flagBeatsEnvironmentBeatsUserFileBeatsProjectFile() {
        project("loop:\n  max-iterations: 3\nsandbox:\n  kind: process\ncli:\n  mode: manual\n");
        user("loop:\n  max-iterations: 4\ncli:\n  mode: autonomous\n");
        env.put("AGENT_MAX_ITERATIONS", "5");
        CliConfig config = load(Map.of(ConfigSchema.MAX_ITERATIONS, new ConfigLoader.Flag("6", "--max-iterations")));

        assertThat(config.integer(ConfigSchema.MAX_ITERATIONS)).isEqualTo(6);
        assertThat(config.origin(ConfigSchema.MAX_ITERATIONS).orElseThrow().where())
                .isEqualTo("--max-iterations");
        assertThat(config.get(ConfigSchema.MODE)).isEqualTo("autonomous");
        assertThat(config.origin(ConfigSchema.MODE).orElseThrow().where()).isEqualTo("~/.agentloop/agent.yaml:4");
        assertThat(config.get(ConfigSchema.SANDBOX_KIND)).isEqualTo("process");
        assertThat(config.origin(ConfigSchema.SANDBOX_KIND).orElseThrow().toString())
                .isEqualTo("project file config/agent.yaml:4");

        CliConfig withoutFlag = load(Map.of());
        assertThat(withoutFlag.integer(ConfigSchema.MAX_ITERATIONS)).isEqualTo(5);
        assertThat(withoutFlag.origin(ConfigSchema.MAX_ITERATIONS).orElseThrow().where())
                .isEqualTo("AGENT_MAX_ITERATIONS");
    }

    @Test
    void genericEnvironmentNamesWork() {
        env.put("AGENT_DATABASE_POOL_SIZE", "7");
        assertThat(load(Map.of()).integer(ConfigSchema.DB_POOL_SIZE)).isEqualTo(7);
    }

    @Test
    void badValueNamesFileLineKeyAndAllowedValues() {
        project("# comment\nloop:\n  max-iterations: lots\n");
        assertThatThrownBy(() -> load(Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config/agent.yaml:3: 'loop.max-iterations' is 'lots', but it must be an integer in"
                        + " 1..100.");
    }

    @Test
    void badEmbeddedTextNamesFileLineKeyAndTheAllowedTexts() {
        project("database:\n  schema: public\nmemory:\n  hybrid: false\n  embedded-text: bogus\n");
        assertThatThrownBy(() -> load(Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config/agent.yaml:5: 'memory.embedded-text' is 'bogus', but it must be one of signature,"
                        + " signature-and-errors, signature-errors-and-code, output.");
    }

    @Test
    void badChoiceListsTheChoices() {
        project("sandbox:\n  kind: vm\n");
        assertThatThrownBy(() -> load(Map.of()))
                .hasMessageContaining("config/agent.yaml:2")
                .hasMessageContaining("one of docker, process");
    }

    @Test
    void badEnvironmentValueNamesTheVariable() {
        env.put("AGENT_DB_URL", "postgres://nope");
        assertThatThrownBy(() -> load(Map.of()))
                .hasMessageContaining("AGENT_DB_URL='postgres://nope'")
                .hasMessageContaining("jdbc:postgresql://");
    }

    @Test
    void malformedYamlNamesTheLine() {
        project("models:\n  default: gpt\n   base-url: x\n");
        assertThatThrownBy(() -> load(Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("config/agent.yaml:3: the YAML is malformed");
    }

    @Test
    void duplicateKeysAreRejected() {
        project("loop:\n  max-iterations: 3\n  max-iterations: 4\n");
        assertThatThrownBy(() -> load(Map.of())).hasMessageContaining("config/agent.yaml:3");
    }

    @Test
    void secretsInFilesAreRejectedAndNamedWithTheirVariable() {
        project("database:\n  password: hunter2\n");
        assertThatThrownBy(() -> load(Map.of()))
                .hasMessageContaining("config/agent.yaml:2")
                .hasMessageContaining("AGENT_DB_PASSWORD")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void secretsFromTheEnvironmentAreMasked() {
        env.put("OPENAI_API_KEY", "sk-abcdefghijklmnopqrstuvwxyz");
        ConfigValue key = load(Map.of()).values().stream()
                .filter(v -> v.key().equals(ConfigSchema.API_KEY))
                .findFirst()
                .orElseThrow();
        assertThat(key.display()).doesNotContain("abcdef").startsWith("****");
        assertThat(key.origin().where()).isEqualTo("OPENAI_API_KEY");
    }

    @Test
    void unknownKeyInACliSectionIsAWarningWithASuggestion() {
        project("loop:\n  max-iteratons: 3\nbreaker:\n  same-failure-limit: 2\n");
        CliConfig config = load(Map.of());
        assertThat(config.warnings())
                .containsExactly("config/agent.yaml:2: unknown key 'loop.max-iteratons' (did you mean"
                        + " 'loop.max-iterations'?); it is ignored.");
        assertThat(config.find("breaker.same-failure-limit")).contains("2");
    }

    @Test
    void theShippedProjectFileIsValid() {
        Path repoConfig = Path.of("..", "config", "agent.yaml");
        CliHarness.write(temp.resolve("project/config/agent.yaml"), read(repoConfig));
        CliConfig config = load(Map.of());
        assertThat(config.files()).containsExactly("config/agent.yaml");
        assertThat(config.warnings()).isEmpty();
        // The memory: section is read, not merely tolerated, and it states the built-in defaults.
        for (String key : List.of(
                ConfigSchema.MEMORY_SPOOL_FILE,
                ConfigSchema.MEMORY_WRITE_ATTEMPTS,
                ConfigSchema.MEMORY_REPLAY_INTERVAL,
                ConfigSchema.MEMORY_EMBEDDED_TEXT,
                ConfigSchema.MEMORY_HYBRID,
                ConfigSchema.MEMORY_FIX_LINE_MATCHING)) {
            assertThat(config.origin(key).orElseThrow().source()).as(key).isEqualTo(ConfigSource.PROJECT_FILE);
            assertThat(config.get(key))
                    .as(key)
                    .isEqualTo(ConfigSchema.standard().key(key).orElseThrow().defaultValue());
        }
    }

    private static String read(Path p) {
        try {
            return java.nio.file.Files.readString(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
