package dev.agentloop.cli.env;

import dev.agentloop.cli.CliException;
import dev.agentloop.cli.approval.Mode;
import dev.agentloop.cli.config.CliConfig;
import dev.agentloop.cli.config.ConfigSchema;
import dev.agentloop.core.AgentConfig;
import dev.agentloop.core.CircuitBreakerConfig;
import dev.agentloop.core.HygieneConfig;
import dev.agentloop.core.Language;
import dev.agentloop.core.ModelPrice;
import dev.agentloop.sandbox.AllowedDependencies;
import dev.agentloop.sandbox.SandboxConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Turns the CLI's effective config into the library's config objects. */
public final class AgentWiring {

    private AgentWiring() {}

    /**
     * The loop's config: breaker, hygiene, optional phases, manual mode's phase approvals, prices, prompts.
     *
     * @throws CliException (exit 2) when values are fine one by one but not together, e.g. a warning threshold
     *     not below the iteration limit
     */
    public static AgentConfig agentConfig(CliConfig config, Path projectDir) {
        try {
            CircuitBreakerConfig.Builder breaker = CircuitBreakerConfig.builder()
                    .maxIterations(config.integer(ConfigSchema.MAX_ITERATIONS))
                    .warnAtRemaining(Math.min(
                            config.integer(ConfigSchema.WARN_AT_REMAINING),
                            config.integer(ConfigSchema.MAX_ITERATIONS) - 1))
                    .sameFailureLimit(config.integer(ConfigSchema.SAME_FAILURE_LIMIT))
                    .escalation(config.bool(ConfigSchema.ESCALATION))
                    .tokenBudget(config.integer(ConfigSchema.TOKEN_BUDGET))
                    .costBudget(Double.parseDouble(config.get(ConfigSchema.COST_BUDGET)))
                    .warnFraction(Double.parseDouble(config.get(ConfigSchema.WARN_FRACTION)));
            Duration deadline = config.duration(ConfigSchema.DEADLINE);
            if (!deadline.isZero()) {
                breaker.deadline(deadline);
            }
            AgentConfig.Builder b = AgentConfig.builder()
                    .breaker(breaker.build())
                    .hygiene(HygieneConfig.builder()
                            .maxPromptTokens(config.integer(ConfigSchema.MAX_PROMPT_TOKENS))
                            .historyLines(config.integer(ConfigSchema.HISTORY_LINES))
                            .maxTestOutputChars(config.integer(ConfigSchema.MAX_TEST_OUTPUT_CHARS))
                            .build())
                    .enableReview(config.bool(ConfigSchema.ENABLE_REVIEW))
                    .enableAudit(config.bool(ConfigSchema.ENABLE_AUDIT))
                    .phaseApproval(Mode.fromId(config.get(ConfigSchema.MODE)) == Mode.MANUAL)
                    .testTimeout(config.duration(ConfigSchema.TEST_TIMEOUT))
                    .maxOutputTokens(config.integer(ConfigSchema.MAX_OUTPUT_TOKENS))
                    .retrievalLimit(config.integer(ConfigSchema.RETRIEVAL_LIMIT))
                    .minSimilarity(Double.parseDouble(config.get(ConfigSchema.MIN_SIMILARITY)))
                    .actions(new dev.agentloop.core.ActionConfig(
                            config.get(ConfigSchema.ACTIONS_PROTOCOL).equals("json")
                                    ? dev.agentloop.core.ActionConfig.Protocol.JSON
                                    : dev.agentloop.core.ActionConfig.Protocol.NATIVE,
                            config.integer(ConfigSchema.ACTIONS_MAX_PER_PHASE),
                            dev.agentloop.core.ActionConfig.DEFAULTS.maxResultChars()));
            prices(config).forEach(b::price);
            config.find(ConfigSchema.PROMPTS).map(p -> resolve(p, projectDir)).ifPresent(folder -> {
                if (!Files.isDirectory(folder)) {
                    throw CliException.usage(ConfigSchema.PROMPTS + ": the folder " + folder + " does not exist.");
                }
                b.promptFolder(folder);
            });
            return b.build();
        } catch (IllegalArgumentException e) {
            throw CliException.usage("The configuration does not fit together: " + e.getMessage() + ".");
        }
    }

    /** {@code models.prices.<model>.input/output}, per 1,000 tokens. */
    static Map<String, ModelPrice> prices(CliConfig config) {
        Map<String, double[]> parts = new LinkedHashMap<>();
        config.section(ConfigSchema.PRICES_PREFIX).forEach((key, value) -> {
            int dot = key.lastIndexOf('.');
            String model = dot < 0 ? key : key.substring(0, dot);
            String side = dot < 0 ? "" : key.substring(dot + 1);
            double price;
            try {
                price = Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw CliException.usage(ConfigSchema.PRICES_PREFIX + key + " is '" + value + "', but it must be a"
                        + " number (price per 1,000 tokens).");
            }
            double[] p = parts.computeIfAbsent(model, m -> new double[2]);
            switch (side) {
                case "input" -> p[0] = price;
                case "output" -> p[1] = price;
                default ->
                    throw CliException.usage(ConfigSchema.PRICES_PREFIX + key
                            + " is not a price; write {input: 0.00015, output: 0.0006} per model.");
            }
        });
        Map<String, ModelPrice> out = new LinkedHashMap<>();
        parts.forEach((model, p) -> out.put(model, ModelPrice.of(p[0], p[1])));
        return out;
    }

    private static long size(CliConfig config, String key) {
        return dev.agentloop.cli.config.Durations.tryParseSize(config.get(key)).orElseThrow();
    }

    private static Path resolve(String path, Path projectDir) {
        Path p = Path.of(path);
        return p.isAbsolute() ? p : projectDir.resolve(p);
    }

    /**
     * The sandbox's config: images per language, limits, hardening, the dependency allow-list, the execution hooks
     * ({@code hooks:}) and the static scan ({@code scan:}).
     */
    static SandboxConfig sandboxConfig(CliConfig config, Path projectDir) {
        SandboxConfig.Builder b;
        try {
            b = SandboxConfig.builder()
                    .network(config.get(ConfigSchema.SANDBOX_NETWORK))
                    .memoryBytes(size(config, ConfigSchema.SANDBOX_MEMORY))
                    .cpus(Double.parseDouble(config.get(ConfigSchema.SANDBOX_CPUS)))
                    .pidsLimit(config.integer(ConfigSchema.SANDBOX_PIDS))
                    .user(config.get(ConfigSchema.SANDBOX_USER))
                    .readOnlyRootFilesystem(config.bool(ConfigSchema.SANDBOX_READ_ONLY))
                    .tmpfsBytes(size(config, ConfigSchema.SANDBOX_TMPFS))
                    .commandTimeout(config.duration(ConfigSchema.SANDBOX_COMMAND_TIMEOUT))
                    .killGrace(config.duration(ConfigSchema.SANDBOX_KILL_GRACE))
                    .outputCapBytes(size(config, ConfigSchema.SANDBOX_OUTPUT_CAP))
                    .startTimeout(config.duration(ConfigSchema.SANDBOX_START_TIMEOUT));
            Path deps = resolve(config.get(ConfigSchema.SANDBOX_ALLOWED_DEPS), projectDir);
            if (Files.isRegularFile(deps)) {
                b.allowedDependencies(AllowedDependencies.fromFile(deps));
            }
        } catch (IllegalArgumentException e) {
            throw CliException.usage("The sandbox configuration is not usable: " + e.getMessage() + ".");
        }
        config.section(ConfigSchema.SANDBOX_IMAGE_PREFIX).forEach((language, image) -> {
            try {
                b.image(Language.fromId(language), image);
            } catch (IllegalArgumentException unknownLanguage) {
                // a key for a language this version does not know: the config check already warned about it
            }
        });
        b.commandPolicy(SandboxPolicies.commandPolicy(config));
        b.scanPolicy(SandboxPolicies.scanPolicy(config));
        return b.build();
    }

    /** Where task workspaces go: {@code cli.workspace}, relative to the project folder. */
    static Path workspaceRoot(CliConfig config, Path projectDir) {
        Path p = Path.of(config.get(ConfigSchema.WORKSPACE));
        return p.isAbsolute() ? p : projectDir.resolve(p);
    }
}
