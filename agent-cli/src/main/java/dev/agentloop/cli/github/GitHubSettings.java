package dev.agentloop.cli.github;

import dev.agentloop.cli.config.CliConfig;
import dev.agentloop.cli.config.ConfigException;
import dev.agentloop.cli.config.ConfigLists;
import dev.agentloop.cli.config.ConfigOrigin;
import dev.agentloop.cli.config.ConfigSchema;
import dev.agentloop.git.github.ChecksSettings;
import dev.agentloop.git.github.ExternalPolicy;
import dev.agentloop.git.github.IssueSettings;
import dev.agentloop.git.github.MergeMode;
import dev.agentloop.git.github.OpaPolicy;
import dev.agentloop.git.github.RiskRules;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code github.*}, {@code policy.*} and {@code risk.*} config, checked: the API endpoint and its rate-limit
 * retries, the flow's settings (mode, allow-list, risk rules, daily cost cap) and the OPA rule, if any.
 *
 * @param endpoint GitHub's REST API
 * @param retryWait the first wait after a rate-limit refusal
 * @param maxRetries refusals in a row before a call fails
 * @param issues the flow's settings
 * @param opaUrl the OPA rule's data API address; empty for none
 * @param opaTimeout how long the OPA rule may take
 * @param approvalChannel where a person approves a supervised merge
 * @param approvalTimeout how long a merge waits for the server's approval
 * @param checks how an autonomous merge waits for GitHub's checks
 * @param runs where an issue's run happens: in this process or on agent serve's queue
 */
public record GitHubSettings(
        String endpoint,
        Duration retryWait,
        int maxRetries,
        IssueSettings issues,
        Optional<URI> opaUrl,
        Duration opaTimeout,
        ApprovalChannel approvalChannel,
        Duration approvalTimeout,
        ChecksSettings checks,
        IssueRuns runs) {

    /**
     * Reads and checks the config.
     *
     * @throws ConfigException naming the key (and where it was set) when a value is not usable
     */
    public static GitHubSettings from(CliConfig config) {
        List<String> allowed =
                ConfigLists.parse(config.find(ConfigSchema.GITHUB_ALLOWED_REPOS).orElse(""));
        for (String pattern : allowed) {
            if (!pattern.matches("[A-Za-z0-9_.*-]+/[A-Za-z0-9_.*-]+|\\*")) {
                throw new ConfigException(where(config, ConfigSchema.GITHUB_ALLOWED_REPOS) + ": '" + pattern
                        + "' is not OWNER/REPO (with * for any characters), e.g. octo/* or octo/widgets.");
            }
        }
        RiskRules rules = new RiskRules(
                globs(config, ConfigSchema.RISK_SECURITY_PATHS),
                globs(config, ConfigSchema.RISK_MIGRATION_PATHS),
                globs(config, ConfigSchema.RISK_DEPENDENCY_PATHS),
                globs(config, ConfigSchema.RISK_TEST_PATHS),
                globs(config, ConfigSchema.RISK_DOC_PATHS),
                config.integer(ConfigSchema.RISK_SMALL_CHANGE_LINES));
        IssueSettings issues = new IssueSettings(
                MergeMode.fromId(config.get(ConfigSchema.GITHUB_MODE)),
                allowed,
                rules,
                Set.of(),
                Double.parseDouble(config.get(ConfigSchema.GITHUB_DAILY_COST_CAP)));
        Optional<URI> opa = config.find(ConfigSchema.POLICY_OPA_URL).map(url -> {
            if (!url.matches("https?://[^\\s/]+(/\\S*)?")) {
                throw new ConfigException(where(config, ConfigSchema.POLICY_OPA_URL) + ": '" + url
                        + "' is not an http(s) URL; give the rule's data API address, e.g."
                        + " http://localhost:8181/v1/data/agentloop/merge.");
            }
            return URI.create(url);
        });
        return new GitHubSettings(
                config.get(ConfigSchema.GITHUB_API_URL),
                config.duration(ConfigSchema.GITHUB_RETRY_WAIT),
                config.integer(ConfigSchema.GITHUB_MAX_RETRIES),
                issues,
                opa,
                config.duration(ConfigSchema.POLICY_OPA_TIMEOUT),
                ApprovalChannel.fromId(config.get(ConfigSchema.GITHUB_APPROVALS)),
                config.duration(ConfigSchema.GITHUB_APPROVAL_TIMEOUT),
                checks(config),
                IssueRuns.fromId(config.get(ConfigSchema.GITHUB_RUNS)));
    }

    /** The same settings with other issue settings. */
    public GitHubSettings withIssues(IssueSettings value) {
        return new GitHubSettings(
                endpoint,
                retryWait,
                maxRetries,
                value,
                opaUrl,
                opaTimeout,
                approvalChannel,
                approvalTimeout,
                checks,
                runs);
    }

    /** The OPA rule, or none. */
    public ExternalPolicy externalPolicy() {
        return opaUrl.<ExternalPolicy>map(url -> new OpaPolicy(url, opaTimeout)).orElse(ExternalPolicy.none());
    }

    private static ChecksSettings checks(CliConfig config) {
        java.time.Duration poll = config.duration(ConfigSchema.GITHUB_CHECKS_POLL);
        if (poll.isZero()) {
            throw new ConfigException(
                    where(config, ConfigSchema.GITHUB_CHECKS_POLL) + ": 0s; give a time between two looks, e.g. 15s.");
        }
        return new ChecksSettings(
                config.duration(ConfigSchema.GITHUB_CHECKS_TIMEOUT),
                poll,
                config.bool(ConfigSchema.GITHUB_REQUIRE_CHECKS));
    }

    private static List<String> globs(CliConfig config, String key) {
        List<String> globs = ConfigLists.parse(config.find(key).orElse(""));
        for (String glob : globs) {
            try {
                java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + glob);
            } catch (RuntimeException e) {
                throw new ConfigException(where(config, key) + ": '" + glob + "' is not a path glob (" + e.getMessage()
                        + "); write globs such as **/migrations/** or **/*.sql.");
            }
        }
        return globs;
    }

    private static String where(CliConfig config, String key) {
        return config.origin(key).map(ConfigOrigin::where).orElse(key);
    }
}
