package dev.agentloop.cli.config;

import dev.agentloop.core.Language;
import dev.agentloop.core.ProjectType;
import dev.agentloop.core.Role;
import dev.agentloop.git.github.GitHubClient;
import dev.agentloop.git.github.GitHubToken;
import dev.agentloop.git.github.RiskRules;
import dev.agentloop.memory.EmbeddedText;
import dev.agentloop.memory.PgVectorFailureMemory;
import dev.agentloop.memory.RetrievalSettings;
import dev.agentloop.memory.RetryPolicy;
import dev.agentloop.sandbox.ScanPolicy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The config keys the CLI reads, with their types and defaults. Keys in the files that are not listed here are kept
 * (other parts of the library may read them) but reported by {@code agent config validate} as unknown, with the
 * closest known key, so that a typo does not go unnoticed.
 */
public final class ConfigSchema {

    public static final String BASE_URL = "models.base-url";
    public static final String DEFAULT_MODEL = "models.default";
    public static final String EMBEDDING_MODEL = "models.embedding";
    public static final String API_KEY = "models.api-key";
    public static final String MAX_ITERATIONS = "loop.max-iterations";
    public static final String ENABLE_REVIEW = "loop.enable-review";
    public static final String ENABLE_AUDIT = "loop.enable-audit";
    public static final String DB_URL = "database.url";
    public static final String DB_USER = "database.user";
    public static final String DB_PASSWORD = "database.password";
    public static final String DB_POOL_SIZE = "database.pool-size";
    public static final String DB_SCHEMA = "database.schema";
    public static final String DB_CONNECT_TIMEOUT = "database.connect-timeout";
    public static final String MEMORY_SPOOL_FILE = "memory.spool-file";
    public static final String MEMORY_WRITE_ATTEMPTS = "memory.write-attempts";
    public static final String MEMORY_REPLAY_INTERVAL = "memory.replay-interval";
    public static final String MEMORY_EMBEDDED_TEXT = "memory.embedded-text";
    public static final String MEMORY_HYBRID = "memory.hybrid";
    public static final String MEMORY_FIX_LINE_MATCHING = "memory.fix-line-matching";
    public static final String MEMORY_MIN_SCORE = "memory.min-score";
    public static final String MEMORY_MIN_PATTERN_SIMILARITY = "memory.min-pattern-similarity";

    /** Stands for {@code database.schema} in {@code memory.spool-file}. */
    public static final String SCHEMA_PLACEHOLDER = "<schema>";

    public static final String SANDBOX_KIND = "sandbox.kind";
    public static final String SANDBOX_IMAGE_PREFIX = "sandbox.images.";
    public static final String SANDBOX_NETWORK = "sandbox.network";
    public static final String SANDBOX_MEMORY = "sandbox.memory";
    public static final String SANDBOX_CPUS = "sandbox.cpus";
    public static final String SANDBOX_PIDS = "sandbox.pids-limit";
    public static final String SANDBOX_USER = "sandbox.user";
    public static final String SANDBOX_READ_ONLY = "sandbox.read-only-root";
    public static final String SANDBOX_TMPFS = "sandbox.tmpfs-size";
    public static final String SANDBOX_COMMAND_TIMEOUT = "sandbox.command-timeout";
    public static final String SANDBOX_KILL_GRACE = "sandbox.kill-grace";
    public static final String SANDBOX_OUTPUT_CAP = "sandbox.output-cap";
    public static final String SANDBOX_START_TIMEOUT = "sandbox.start-timeout";
    public static final String SANDBOX_ALLOWED_DEPS = "sandbox.allowed-deps";
    public static final String HOOKS_DEFAULTS = "hooks.defaults";
    public static final String HOOKS_DENY = "hooks.deny";
    public static final String SCAN_BANDIT = "scan.bandit";
    public static final String SCAN_BEFORE_TESTS = "scan.before-tests";
    public static final String SCAN_BLOCK = "scan.block";
    public static final String MODE = "cli.mode";
    public static final String LANGUAGE = "cli.language";
    public static final String PROJECT_TYPE = "cli.project-type";
    public static final String WORKSPACE = "cli.workspace";
    public static final String LOG_LEVEL = "logging.level";
    public static final String MODEL_TIMEOUT = "models.timeout";
    public static final String MODEL_MAX_RETRIES = "models.max-retries";
    public static final String MAX_OUTPUT_TOKENS = "models.max-output-tokens";
    public static final String PRICES_PREFIX = "models.prices.";
    public static final String TEST_TIMEOUT = "loop.test-timeout";
    public static final String RETRIEVAL_LIMIT = "loop.retrieval-limit";
    public static final String MIN_SIMILARITY = "loop.min-similarity";
    public static final String PROMPTS = "loop.prompts";
    public static final String WARN_AT_REMAINING = "breaker.warn-at-remaining";
    public static final String SAME_FAILURE_LIMIT = "breaker.same-failure-limit";
    public static final String ESCALATION = "breaker.escalation";
    public static final String TOKEN_BUDGET = "breaker.token-budget";
    public static final String COST_BUDGET = "breaker.cost-budget";
    public static final String DEADLINE = "breaker.deadline";
    public static final String WARN_FRACTION = "breaker.warn-fraction";
    public static final String MAX_PROMPT_TOKENS = "hygiene.max-prompt-tokens";
    public static final String HISTORY_LINES = "hygiene.history-lines";
    public static final String MAX_TEST_OUTPUT_CHARS = "hygiene.max-test-output-chars";
    public static final String REPO_TEST_COMMAND = "repo.test-command";
    public static final String REPO_MAX_FILES = "repo.max-files";
    public static final String REPO_MAX_SIZE = "repo.max-size";
    public static final String ACTIONS_PROTOCOL = "actions.protocol";
    public static final String ACTIONS_MAX_PER_PHASE = "actions.max-per-phase";
    public static final String SERVER_PORT = "server.port";
    public static final String SERVER_BIND = "server.bind";
    public static final String SERVER_WORKERS = "server.workers";
    public static final String SERVER_WORKER_NAME = "server.worker-name";
    public static final String SERVER_MAX_BODY = "server.max-body";
    public static final String SERVER_HEARTBEAT = "server.heartbeat";
    public static final String SERVER_MISSED_HEARTBEATS = "server.missed-heartbeats";
    public static final String SERVER_POLLING_INTERVAL = "server.polling-interval";
    public static final String SERVER_APPROVAL_TIMEOUT = "server.approval-timeout";
    public static final String SERVER_DAILY_COST_CAP = "server.daily-cost-cap";
    public static final String SERVER_REPO_ROOTS = "server.repo-roots";
    public static final String GITHUB_API_URL = "github.api-url";
    public static final String GITHUB_TOKEN = "github.token";
    public static final String GITHUB_ALLOWED_REPOS = "github.allowed-repos";
    public static final String GITHUB_MODE = "github.mode";
    public static final String GITHUB_DAILY_COST_CAP = "github.daily-cost-cap";
    public static final String GITHUB_RETRY_WAIT = "github.retry-wait";
    public static final String GITHUB_MAX_RETRIES = "github.max-retries";
    public static final String GITHUB_APPROVALS = "github.approvals";
    public static final String GITHUB_RUNS = "github.runs";
    public static final String GITHUB_APPROVAL_TIMEOUT = "github.approval-timeout";
    public static final String GITHUB_CHECKS_TIMEOUT = "github.checks-timeout";
    public static final String GITHUB_CHECKS_POLL = "github.checks-poll";
    public static final String GITHUB_REQUIRE_CHECKS = "github.require-checks";
    public static final String POLICY_OPA_URL = "policy.opa-url";
    public static final String POLICY_OPA_TIMEOUT = "policy.opa-timeout";
    public static final String RISK_SECURITY_PATHS = "risk.security-paths";
    public static final String RISK_MIGRATION_PATHS = "risk.migration-paths";
    public static final String RISK_DEPENDENCY_PATHS = "risk.dependency-paths";
    public static final String RISK_TEST_PATHS = "risk.test-paths";
    public static final String RISK_DOC_PATHS = "risk.doc-paths";
    public static final String RISK_SMALL_CHANGE_LINES = "risk.small-change-lines";

    private final Map<String, ConfigKey> keys;
    private final List<String> order;

    private ConfigSchema(List<ConfigKey> list) {
        Map<String, ConfigKey> map = new LinkedHashMap<>();
        list.forEach(k -> map.put(k.name(), k));
        this.keys = Map.copyOf(map);
        this.order = List.copyOf(map.keySet());
    }

    /** The CLI's keys. */
    public static ConfigSchema standard() {
        List<ConfigKey> list = new ArrayList<>();
        list.add(ConfigKey.httpUrl(BASE_URL, "https://api.openai.com/v1", "any OpenAI-compatible endpoint")
                .withEnvAliases("AGENT_BASE_URL", "OPENAI_BASE_URL"));
        list.add(ConfigKey.string(DEFAULT_MODEL, "gpt-4o-mini", "model of every role without its own entry")
                .withEnvAliases("AGENT_MODEL"));
        for (Role role : Role.values()) {
            list.add(ConfigKey.string(roleKey(role), "", "model of the " + role.id() + " (default: models.default)")
                    .withEnvAliases("AGENT_MODEL_" + role.name()));
        }
        list.add(ConfigKey.string(EMBEDDING_MODEL, "all-minilm-l6-v2", "embedding model of the failure memory")
                .withEnvAliases("AGENT_EMBEDDING_MODEL"));
        list.add(ConfigKey.secret(API_KEY, "the model endpoint's key", "AGENT_MODEL_API_KEY", "OPENAI_API_KEY"));
        list.add(ConfigKey.duration(MODEL_TIMEOUT, "120s", "limit of one call to the endpoint"));
        list.add(ConfigKey.integer(MODEL_MAX_RETRIES, 2, 0, 10, "retries after a 429, a 5xx or a timeout"));
        list.add(ConfigKey.integer(MAX_OUTPUT_TOKENS, 4096, 16, 1_000_000, "completion tokens asked for per call"));
        list.add(ConfigKey.integer(MAX_ITERATIONS, 10, 1, 100, "hard limit on iterations")
                .withEnvAliases("AGENT_MAX_ITERATIONS"));
        list.add(ConfigKey.bool(ENABLE_REVIEW, false, "run the REVIEW phase"));
        list.add(ConfigKey.bool(ENABLE_AUDIT, false, "run the AUDIT phase"));
        list.add(ConfigKey.duration(TEST_TIMEOUT, "2m", "limit of one test run"));
        list.add(ConfigKey.integer(RETRIEVAL_LIMIT, 3, 0, 100, "past failures handed to the Reflector"));
        list.add(ConfigKey.decimal(MIN_SIMILARITY, "0.5", 0, 1, "lowest similarity of a retrieved failure"));
        list.add(ConfigKey.string(PROMPTS, "", "folder of <role>.md prompt overrides (default: built-in)"));
        list.add(ConfigKey.integer(WARN_AT_REMAINING, 2, 0, 10_000, "tries left when the model is warned"));
        list.add(ConfigKey.integer(SAME_FAILURE_LIMIT, 4, 2, 100, "same-signature failures that stop a run"));
        list.add(ConfigKey.bool(ESCALATION, true, "new hypothesis, re-plan, ask the person before stopping"));
        list.add(ConfigKey.integer(TOKEN_BUDGET, 0, 0, Integer.MAX_VALUE, "tokens a run may use (0: no limit)"));
        list.add(ConfigKey.decimal(COST_BUDGET, "0", 0, 1_000_000, "cost a run may incur (0: no limit)"));
        list.add(ConfigKey.duration(DEADLINE, "0", "wall-clock limit of a run (0: none)"));
        list.add(ConfigKey.decimal(WARN_FRACTION, "0.8", 0, 1, "share of a budget after which a warning shows"));
        list.add(ConfigKey.integer(MAX_PROMPT_TOKENS, 12_000, 1000, 10_000_000, "token budget of one prompt"));
        list.add(ConfigKey.integer(HISTORY_LINES, 8, 1, 1000, "earlier iterations listed in prompts"));
        list.add(ConfigKey.integer(MAX_TEST_OUTPUT_CHARS, 6000, 200, 10_000_000, "test output kept in prompts"));
        list.add(ConfigKey.string(
                REPO_TEST_COMMAND, "", "a project's test command in repository mode (default: detected)"));
        list.add(ConfigKey.integer(REPO_MAX_FILES, 20_000, 1, Integer.MAX_VALUE, "largest repository, in files"));
        list.add(ConfigKey.size(REPO_MAX_SIZE, "200MB", "largest repository, in bytes"));
        list.add(ConfigKey.choice(
                ACTIONS_PROTOCOL,
                "native",
                List.of("native", "json"),
                "how models act in repository mode: the endpoint's tool calls, or one JSON action per answer"));
        list.add(ConfigKey.integer(
                ACTIONS_MAX_PER_PHASE, 20, 0, 1000, "actions a model may take in one CODE or REFLECT phase"));
        list.add(ConfigKey.integer(SERVER_PORT, 8080, 0, 65_535, "agent serve: the API's port (0: any free one)")
                .withEnvAliases("AGENT_SERVER_PORT"));
        list.add(ConfigKey.string(
                        SERVER_BIND,
                        "127.0.0.1",
                        "agent serve: the API's address (beyond loopback only" + " with AGENT_API_TOKEN)")
                .withEnvAliases("AGENT_SERVER_BIND"));
        list.add(ConfigKey.integer(SERVER_WORKERS, 2, 0, 256, "agent serve: tasks this process runs at once"));
        list.add(ConfigKey.string(SERVER_WORKER_NAME, "", "agent serve: this worker's name (default: host-pid)"));
        list.add(ConfigKey.size(SERVER_MAX_BODY, "64KiB", "agent serve: largest request body"));
        list.add(ConfigKey.duration(SERVER_HEARTBEAT, "5s", "agent serve: time between a running task's heartbeats"));
        list.add(ConfigKey.integer(
                SERVER_MISSED_HEARTBEATS, 6, 2, 1000, "agent serve: missed heartbeats before a worker counts as dead"));
        list.add(ConfigKey.duration(SERVER_POLLING_INTERVAL, "2s", "agent serve: time between looks at the queue"));
        list.add(ConfigKey.duration(
                SERVER_APPROVAL_TIMEOUT, "30m", "agent serve: wait for an approval before it is denied"));
        list.add(ConfigKey.decimal(
                SERVER_DAILY_COST_CAP,
                "0",
                0,
                1_000_000_000,
                "agent serve: spend per UTC day, all workers, after which tasks wait for the next day (0: none)"));
        list.add(ConfigKey.string(
                SERVER_REPO_ROOTS,
                "",
                "agent serve: comma-separated folders under which"
                        + " submitted tasks may name a local repository (default: none, git URLs only)"));
        list.add(ConfigKey.httpUrl(
                        GITHUB_API_URL,
                        GitHubClient.DEFAULT_ENDPOINT,
                        "agent issue / watch: GitHub's REST API (https://HOST/api/v3 for GitHub Enterprise)")
                .withEnvAliases("AGENT_GITHUB_API_URL"));
        list.add(ConfigKey.secret(
                GITHUB_TOKEN,
                "agent issue / watch: the token that reads issues, pushes branches and opens pull requests",
                GitHubToken.VARIABLES));
        list.add(ConfigKey.string(
                GITHUB_ALLOWED_REPOS,
                "[*]",
                "agent issue / watch: repositories the agent may work on (owner/name, * for any characters)"));
        list.add(ConfigKey.choice(
                GITHUB_MODE,
                "manual",
                List.of("manual", "supervised", "autonomous"),
                "who merges: a person (manual), the agent after an approval (supervised), the agent for low risk"
                        + " (autonomous)"));
        list.add(ConfigKey.decimal(
                GITHUB_DAILY_COST_CAP,
                "0",
                0,
                1_000_000_000,
                "agent issue / watch: spend per UTC day of their runs, after which nothing new starts (0: none)"));
        list.add(ConfigKey.duration(
                GITHUB_RETRY_WAIT, "2s", "first wait after GitHub's rate limit refused a call (doubles each time)"));
        list.add(ConfigKey.integer(
                GITHUB_MAX_RETRIES, 5, 0, 20, "rate-limit refusals in a row before a GitHub call fails"));
        list.add(ConfigKey.choice(
                GITHUB_APPROVALS,
                "terminal",
                List.of("terminal", "server"),
                "supervised mode: where a person approves a merge: on this terminal, or through agent serve's"
                        + " approvals API and dashboard (the same database)"));
        list.add(ConfigKey.choice(
                GITHUB_RUNS,
                "local",
                List.of("local", "queue"),
                "where agent issue / watch run an issue: in their own process, or as a task of agent serve's queue"
                        + " (the same database; flag --queue)"));
        list.add(ConfigKey.duration(
                GITHUB_CHECKS_TIMEOUT,
                "10m",
                "autonomous mode: wait for GitHub's pending checks of a pull request before leaving it for a person"));
        list.add(ConfigKey.duration(
                GITHUB_CHECKS_POLL, "15s", "autonomous mode: time between two looks at a pull request's checks"));
        list.add(ConfigKey.bool(
                GITHUB_REQUIRE_CHECKS,
                true,
                "autonomous mode: a pull request no GitHub check reported on is left for a person (false: the"
                        + " project's own tests decide)"));
        list.add(ConfigKey.duration(
                GITHUB_APPROVAL_TIMEOUT,
                "1h",
                "supervised mode with github.approvals server: wait for a merge's approval before the pull request"
                        + " is left open"));
        list.add(
                ConfigKey.string(
                        POLICY_OPA_URL,
                        "",
                        "an OPA rule asked before a merge, e.g. http://localhost:8181/v1/data/agentloop/merge (default: none)"));
        list.add(ConfigKey.duration(POLICY_OPA_TIMEOUT, "5s", "wait for the OPA rule's answer"));
        RiskRules risk = RiskRules.ofDefaults();
        list.add(ConfigKey.string(
                RISK_SECURITY_PATHS, yamlList(risk.securityGlobs()), "path globs whose change is high risk"));
        list.add(ConfigKey.string(
                RISK_MIGRATION_PATHS,
                yamlList(risk.migrationGlobs()),
                "database migrations and schemas: high risk, an approver to merge"));
        list.add(ConfigKey.string(
                RISK_DEPENDENCY_PATHS,
                yamlList(risk.dependencyGlobs()),
                "dependency manifests: medium risk, an approval to merge"));
        list.add(ConfigKey.string(
                RISK_TEST_PATHS, yamlList(risk.testGlobs()), "tests (a change to them alone is low" + " risk)"));
        list.add(ConfigKey.string(RISK_DOC_PATHS, yamlList(risk.docGlobs()), "documentation (low risk)"));
        list.add(ConfigKey.integer(
                RISK_SMALL_CHANGE_LINES,
                risk.smallChangeLines(),
                0,
                1_000_000,
                "changed lines up to which a fix inside existing functions is low risk"));
        list.add(ConfigKey.jdbcUrl(DB_URL, "jdbc:postgresql://localhost:5432/agent", "the failure memory")
                .withEnvAliases("AGENT_DB_URL"));
        list.add(ConfigKey.string(DB_USER, "agent", "database role").withEnvAliases("AGENT_DB_USER"));
        list.add(ConfigKey.secret(DB_PASSWORD, "database password", "AGENT_DB_PASSWORD"));
        list.add(ConfigKey.integer(DB_POOL_SIZE, 4, 1, 64, "connections in the pool"));
        list.add(ConfigKey.string(DB_SCHEMA, "public", "schema the memory's tables live in"));
        list.add(ConfigKey.duration(DB_CONNECT_TIMEOUT, "5s", "wait for a connection before retrying"));
        list.add(ConfigKey.string(
                MEMORY_SPOOL_FILE,
                "~/.agentloop/spool/" + SCHEMA_PLACEHOLDER + ".jsonl",
                "where writes wait while the database is down (" + SCHEMA_PLACEHOLDER + ": database.schema)"));
        list.add(ConfigKey.integer(
                MEMORY_WRITE_ATTEMPTS,
                RetryPolicy.DEFAULT_MAX_ATTEMPTS,
                1,
                10,
                "attempts per write before it is spooled (1: spool at once)"));
        list.add(ConfigKey.duration(
                MEMORY_REPLAY_INTERVAL,
                PgVectorFailureMemory.Builder.DEFAULT_REPLAY_INTERVAL.toSeconds() + "s",
                "least time between two replays of the spool"));
        list.add(ConfigKey.choice(
                MEMORY_EMBEDDED_TEXT,
                id(RetrievalSettings.ofDefaults().embeddedText()),
                Arrays.stream(EmbeddedText.values()).map(ConfigSchema::id).toList(),
                "which text of a failure is embedded (a change needs agent memory reembed)"));
        list.add(ConfigKey.bool(
                MEMORY_HYBRID, RetrievalSettings.ofDefaults().hybrid(), "also rank by full-text search of the error"));
        list.add(ConfigKey.bool(
                MEMORY_FIX_LINE_MATCHING,
                RetrievalSettings.ofDefaults().fixLineMatching(),
                "boost past fixes that changed a line like one of the current code"));
        list.add(ConfigKey.decimal(
                MEMORY_MIN_SCORE,
                Double.toString(RetrievalSettings.DEFAULT_MIN_SCORE),
                0,
                100,
                "least ranking score of a past failure handed over (0: every match)"));
        list.add(ConfigKey.decimal(
                MEMORY_MIN_PATTERN_SIMILARITY,
                Double.toString(RetrievalSettings.DEFAULT_MIN_PATTERN_SIMILARITY),
                0,
                1,
                "least similarity of a success pattern offered to the planner"));
        list.add(ConfigKey.choice(SANDBOX_KIND, "docker", List.of("docker", "process"), "where generated code runs")
                .withEnvAliases("AGENT_SANDBOX"));
        list.add(ConfigKey.string(SANDBOX_IMAGE_PREFIX + "python", "agentloop/python", "image for Python tasks"));
        list.add(ConfigKey.string(SANDBOX_IMAGE_PREFIX + "javascript", "agentloop/node", "image for JavaScript"));
        list.add(ConfigKey.string(SANDBOX_IMAGE_PREFIX + "java", "agentloop/java", "image for Java"));
        list.add(ConfigKey.choice(SANDBOX_NETWORK, "none", List.of("none", "bridge"), "Docker network mode"));
        list.add(ConfigKey.size(SANDBOX_MEMORY, "512MiB", "memory limit (no swap)"));
        list.add(ConfigKey.decimal(SANDBOX_CPUS, "1", 0, 256, "CPUs a container may use"));
        list.add(ConfigKey.integer(SANDBOX_PIDS, 256, 1, 1_000_000, "processes a container may hold"));
        list.add(ConfigKey.string(SANDBOX_USER, "1000:1000", "uid[:gid] commands run as; never root"));
        list.add(ConfigKey.bool(SANDBOX_READ_ONLY, true, "read-only root file system"));
        list.add(ConfigKey.size(SANDBOX_TMPFS, "64MiB", "size of the /tmp tmpfs"));
        list.add(ConfigKey.duration(SANDBOX_COMMAND_TIMEOUT, "60s", "limit of one command or test run"));
        list.add(ConfigKey.duration(SANDBOX_KILL_GRACE, "5s", "time a killed process tree may take to die"));
        list.add(ConfigKey.size(SANDBOX_OUTPUT_CAP, "1MiB", "output kept per stream"));
        list.add(ConfigKey.duration(SANDBOX_START_TIMEOUT, "30s", "limit for a container to start"));
        list.add(ConfigKey.string(SANDBOX_ALLOWED_DEPS, "config/allowed-deps.json", "allow-list of packages"));
        list.add(ConfigKey.bool(HOOKS_DEFAULTS, true, "the built-in deny rules of the execution hooks apply"));
        list.add(ConfigKey.string(HOOKS_DENY, "[]", "more deny rules: a list of {name, pattern, explanation}"));
        list.add(ConfigKey.bool(SCAN_BANDIT, true, "the Python scan runs bandit too"));
        list.add(ConfigKey.bool(SCAN_BEFORE_TESTS, true, "scan changed sources before every test run"));
        list.add(ConfigKey.string(
                SCAN_BLOCK,
                "[" + String.join(", ", new java.util.TreeSet<>(ScanPolicy.DEFAULT_BLOCKING)) + "]",
                "scan rules whose findings stop a run before the code executes"));
        list.add(ConfigKey.choice(
                        MODE, "supervised", List.of("manual", "supervised", "autonomous"), "what asks for approval")
                .withEnvAliases("AGENT_MODE"));
        list.add(ConfigKey.choice(LANGUAGE, "python", ids(Language.values()), "language of a task's code")
                .withEnvAliases("AGENT_LANGUAGE"));
        list.add(ConfigKey.choice(PROJECT_TYPE, "library", ids(ProjectType.values()), "kind of project")
                .withEnvAliases("AGENT_PROJECT_TYPE"));
        list.add(ConfigKey.string(WORKSPACE, "sandbox-workspace", "where task workspaces are created")
                .withEnvAliases("AGENT_WORKSPACE"));
        list.add(ConfigKey.choice(
                        LOG_LEVEL,
                        "info",
                        List.of("error", "warn", "info", "debug", "trace"),
                        "level of logs/agent.log")
                .withEnvAliases("AGENT_LOG_LEVEL"));
        return new ConfigSchema(list);
    }

    private static String yamlList(List<String> items) {
        return "[" + String.join(", ", items) + "]";
    }

    /** How {@code memory.embedded-text} spells a choice: {@code SIGNATURE_AND_ERRORS} is {@code signature-and-errors}. */
    public static String id(EmbeddedText text) {
        return text.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static String roleKey(Role role) {
        return "models.roles." + role.id();
    }

    public Optional<ConfigKey> key(String name) {
        return Optional.ofNullable(keys.get(name));
    }

    /** Keys in documentation order. */
    public List<ConfigKey> keys() {
        return order.stream().map(keys::get).toList();
    }

    /** The known key closest to a misspelt one, for "did you mean". */
    public Optional<String> closest(String unknown) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : order) {
            int d = distance(unknown, k);
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        return bestDistance <= Math.max(2, unknown.length() / 4) ? Optional.ofNullable(best) : Optional.empty();
    }

    /** Whether a key under this section is ours to check; other sections belong to other parts of the library. */
    public boolean ownsSection(String key) {
        return keys.keySet().stream().anyMatch(k -> section(k).equals(section(key)));
    }

    private static String section(String key) {
        int dot = key.lastIndexOf('.');
        return dot < 0 ? "" : key.substring(0, dot);
    }

    private static List<String> ids(Enum<?>[] values) {
        Collection<String> list = new ArrayList<>();
        for (Enum<?> v : values) {
            list.add(v instanceof Language l ? l.id() : ((ProjectType) v).id());
        }
        return List.copyOf(list);
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    @Override
    public String toString() {
        return "ConfigSchema" + Arrays.toString(order.toArray());
    }
}
