package dev.agentloop.cli.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentloop.cli.config.CliConfig;
import dev.agentloop.cli.config.ConfigException;
import dev.agentloop.cli.config.ConfigLoader;
import dev.agentloop.cli.support.CliHarness;
import dev.agentloop.git.github.GitHubClient;
import dev.agentloop.git.github.MergeMode;
import dev.agentloop.git.github.RiskRules;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitHubSettingsTest {

    @TempDir
    Path temp;

    CliConfig load(String yaml, Map<String, String> env) {
        CliHarness cli = new CliHarness(temp, null).projectConfig(yaml);
        return new ConfigLoader(cli.projectDir, cli.home, env).load(Map.of());
    }

    @Test
    void theDefaultsAreManualAnyRepositoryTheDefaultRiskRulesAndNoCapOrOpa() {
        GitHubSettings s = GitHubSettings.from(load("", Map.of()));

        assertThat(s.endpoint()).isEqualTo(GitHubClient.DEFAULT_ENDPOINT);
        assertThat(s.retryWait()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.maxRetries()).isEqualTo(5);
        assertThat(s.issues().mode()).isEqualTo(MergeMode.MANUAL);
        assertThat(s.issues().allowedRepos()).containsExactly("*");
        assertThat(s.issues().riskRules()).isEqualTo(RiskRules.ofDefaults());
        assertThat(s.issues().dailyCostCap()).isZero();
        assertThat(s.opaUrl()).isEmpty();
        assertThat(s.runs()).isEqualTo(IssueRuns.LOCAL);
    }

    @Test
    void issuesRunOnTheQueueWhenTheFileOrTheEnvironmentSaysSo() {
        assertThat(GitHubSettings.from(load("github:\n  runs: queue\n", Map.of()))
                        .runs())
                .isEqualTo(IssueRuns.QUEUE);
        assertThat(GitHubSettings.from(load("", Map.of("AGENT_GITHUB_RUNS", "queue")))
                        .runs())
                .isEqualTo(IssueRuns.QUEUE);
        assertThatThrownBy(() -> load("github:\n  runs: remote\n", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("github.runs")
                .hasMessageContaining("remote");
    }

    @Test
    void readsTheFileAndTheEnvironment() {
        GitHubSettings s = GitHubSettings.from(load(
                "github:\n  allowed-repos: [\"octo/*\", acme/widgets]\n  mode: autonomous\n  daily-cost-cap: 2.5\n"
                        + "policy:\n  opa-url: http://localhost:8181/v1/data/agentloop/merge\n"
                        + "risk:\n  migration-paths: [\"db/**\"]\n  small-change-lines: 10\n",
                Map.of("AGENT_GITHUB_API_URL", "https://ghe.example.com/api/v3")));

        assertThat(s.endpoint()).isEqualTo("https://ghe.example.com/api/v3");
        assertThat(s.issues().allowedRepos()).containsExactly("octo/*", "acme/widgets");
        assertThat(s.issues().mode()).isEqualTo(MergeMode.AUTONOMOUS);
        assertThat(s.issues().dailyCostCap()).isEqualTo(2.5);
        assertThat(s.issues().riskRules().migrationGlobs()).containsExactly("db/**");
        assertThat(s.issues().riskRules().smallChangeLines()).isEqualTo(10);
        assertThat(s.issues().riskRules().securityGlobs())
                .isEqualTo(RiskRules.ofDefaults().securityGlobs());
        assertThat(s.opaUrl()).isEqualTo(Optional.of(URI.create("http://localhost:8181/v1/data/agentloop/merge")));
    }

    @Test
    void badValuesAreRefusedNamingWhereTheyWereSet() {
        assertThatThrownBy(() -> GitHubSettings.from(load("policy:\n  opa-url: localhost:8181\n", Map.of())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("config/agent.yaml:2")
                .hasMessageContaining("'localhost:8181' is not an http(s) URL");
        assertThatThrownBy(() -> GitHubSettings.from(load("github:\n  allowed-repos: [octo]\n", Map.of())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'octo' is not OWNER/REPO");
        assertThatThrownBy(() -> GitHubSettings.from(load("risk:\n  test-paths: [\"tests/[\"]\n", Map.of())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'tests/[' is not a path glob");
        assertThat(List.of("manual", "supervised", "autonomous"))
                .allSatisfy(mode -> assertThat(GitHubSettings.from(load("github:\n  mode: " + mode + "\n", Map.of()))
                                .issues()
                                .mode()
                                .id())
                        .isEqualTo(mode));
    }
}
