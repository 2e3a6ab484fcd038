package dev.agentloop.cli.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentloop.cli.config.CliConfig;
import dev.agentloop.cli.config.ConfigException;
import dev.agentloop.cli.config.ConfigLoader;
import dev.agentloop.cli.support.CliHarness;
import dev.agentloop.cli.support.FakeBackends;
import dev.agentloop.core.Language;
import dev.agentloop.core.ProjectType;
import dev.agentloop.core.event.AgentEvent;
import dev.agentloop.core.event.AgentWarning;
import dev.agentloop.core.event.CommandBlocked;
import dev.agentloop.core.spi.ApprovalHandler;
import dev.agentloop.core.spi.ExecRequest;
import dev.agentloop.core.spi.ExecResult;
import dev.agentloop.core.spi.ExecStatus;
import dev.agentloop.core.spi.SandboxSession;
import dev.agentloop.core.spi.SandboxSpec;
import dev.agentloop.sandbox.CommandPolicy;
import dev.agentloop.sandbox.ProcessSandbox;
import dev.agentloop.sandbox.ScanPolicy;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hooks: and scan: sections of config/agent.yaml, as the sandbox's policies. */
class SandboxPoliciesTest {

    private static final String NO_GIT_PUSH = """
            hooks:
              deny:
                - name: no-git-push
                  pattern: '\\bgit\\s+push\\b'
                  explanation: pushes to a remote
            """;

    @TempDir
    Path temp;

    final Map<String, String> env = new HashMap<>();

    private CliConfig load() {
        return new ConfigLoader(temp.resolve("project"), temp.resolve("home"), env).load(Map.of());
    }

    private void project(String yaml) {
        CliHarness.write(temp.resolve("project/config/agent.yaml"), yaml);
    }

    private void user(String yaml) {
        CliHarness.write(temp.resolve("home/.agentloop/agent.yaml"), yaml);
    }

    @Test
    void aCustomDenyRuleFromYamlBlocksTheCommandInTheProcessSandbox() {
        project(NO_GIT_PUSH);
        CliConfig config = load();
        ProcessSandbox sandbox = ProcessSandbox.builder()
                .config(AgentWiring.sandboxConfig(config, temp.resolve("project")))
                .useBubblewrap(false)
                .build();
        List<AgentEvent> events = new CopyOnWriteArrayList<>();
        SandboxSpec spec = new SandboxSpec(
                UUID.randomUUID(),
                Language.PYTHON,
                ProjectType.LIBRARY,
                temp.resolve("ws"),
                events::add,
                ApprovalHandler.denyAll());

        ExecResult pushed;
        ExecResult pushedAgain;
        try (SandboxSession session = sandbox.open(spec)) {
            pushed = session.exec(ExecRequest.shell("git push origin main"));
        }
        try (SandboxSession session = sandbox.open(spec)) {
            pushedAgain = session.exec(ExecRequest.shell("cd /tmp && git  push --force"));
        }

        assertThat(pushed.status()).isEqualTo(ExecStatus.BLOCKED);
        assertThat(pushed.blockedBy()).isEqualTo("no-git-push");
        assertThat(pushedAgain.blockedBy()).isEqualTo("no-git-push");
        assertThat(events).filteredOn(CommandBlocked.class::isInstance).hasSize(2);
        // the isolation warning: once for the sandbox (the CLI opens one per run), not once per session
        assertThat(events).filteredOn(AgentWarning.class::isInstance).hasSize(1);
    }

    @Test
    void builtInRulesStayUnlessHooksDefaultsIsFalse() {
        project(NO_GIT_PUSH);
        CommandPolicy withDefaults = SandboxPolicies.commandPolicy(load());
        assertThat(withDefaults.check(List.of("sh", "-c", "rm -rf /"))).isPresent();
        assertThat(withDefaults.check(List.of("git", "push")))
                .map(r -> r.name())
                .contains("no-git-push");

        project(NO_GIT_PUSH + "  defaults: false\n");
        CommandPolicy onlyCustom = SandboxPolicies.commandPolicy(load());
        assertThat(onlyCustom.rules()).extracting(r -> r.name()).containsExactly("no-git-push");
        assertThat(onlyCustom.check(List.of("sh", "-c", "rm -rf /"))).isEmpty();
    }

    @Test
    void theUserFilesListReplacesTheProjectsListInsteadOfMergingItems() {
        project(NO_GIT_PUSH);
        user("""
                hooks:
                  deny:
                    - name: no-curl
                      pattern: '\\bcurl\\b'
                """);
        CommandPolicy policy = SandboxPolicies.commandPolicy(load());
        assertThat(policy.check(List.of("curl", "example.org")))
                .map(r -> r.name())
                .contains("no-curl");
        assertThat(policy.check(List.of("git", "push"))).isEmpty();

        user("hooks:\n  deny: []\n");
        assertThat(SandboxPolicies.commandPolicy(load()).check(List.of("git", "push")))
                .isEmpty();
    }

    @Test
    void aBrokenRuleIsAConfigErrorNamingTheFileAndLine() {
        project("""
                hooks:
                  deny:
                    - name: broken
                      pattern: '(unclosed'
                """);
        assertThatThrownBy(() -> SandboxPolicies.commandPolicy(load()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("config/agent.yaml:4:")
                .hasMessageContaining("hook rule 'broken' has an invalid pattern");

        project("""
                hooks:
                  deny:
                    - name: typo
                      patern: 'x'
                """);
        assertThatThrownBy(() -> SandboxPolicies.commandPolicy(load()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("config/agent.yaml:4:")
                .hasMessageContaining("no field 'patern'");

        project("hooks:\n  deny:\n    - name: no-pattern\n");
        assertThatThrownBy(() -> SandboxPolicies.commandPolicy(load()))
                .hasMessageContaining("config/agent.yaml:3:")
                .hasMessageContaining("needs a name and a pattern");
    }

    @Test
    void configValidateReportsABrokenRuleWithExitTwo() {
        CliHarness cli = new CliHarness(temp.resolve("cli"), new FakeBackends());
        cli.projectConfig("hooks:\n  deny:\n    - name: broken\n      pattern: '[a-'\n");
        CliHarness.Result r = cli.run("config", "validate");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err())
                .contains("config/agent.yaml:4:", "hook rule 'broken'")
                .doesNotContain("\tat ");
    }

    @Test
    void theScanSectionBecomesTheScanPolicy() {
        ScanPolicy defaults = SandboxPolicies.scanPolicy(load());
        assertThat(defaults).isEqualTo(ScanPolicy.defaults());

        project("""
                scan:
                  bandit: false
                  before-tests: false
                  block: [python.eval, bandit.B602]
                """);
        ScanPolicy policy = SandboxPolicies.scanPolicy(load());
        assertThat(policy.blockingRules()).containsExactlyInAnyOrder("python.eval", "bandit.B602");
        assertThat(policy.bandit()).isFalse();
        assertThat(policy.beforeTests()).isFalse();

        project("scan:\n  block: [eval everywhere]\n");
        assertThatThrownBy(() -> SandboxPolicies.scanPolicy(load()))
                .hasMessageContaining("config/agent.yaml:2:")
                .hasMessageContaining("'eval everywhere', which is not a scan rule id");
    }

    @Test
    void theShippedConfigFileLoadsItsPoliciesWithoutWarnings() {
        CliConfig config =
                new ConfigLoader(Path.of("..").toAbsolutePath().normalize(), temp.resolve("home"), env).load(Map.of());
        assertThat(config.warnings()).isEmpty();
        SandboxPolicies.check(config);
        assertThat(SandboxPolicies.scanPolicy(config).blockingRules()).isEqualTo(ScanPolicy.DEFAULT_BLOCKING);
    }
}
