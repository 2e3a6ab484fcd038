package dev.agentloop.cli.env;

import dev.agentloop.cli.config.CliConfig;
import dev.agentloop.cli.config.ConfigException;
import dev.agentloop.cli.config.ConfigOrigin;
import dev.agentloop.cli.config.ConfigSchema;
import dev.agentloop.sandbox.CommandPolicy;
import dev.agentloop.sandbox.CommandRule;
import dev.agentloop.sandbox.ScanPolicy;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The {@code hooks:} and {@code scan:} sections of the config as the sandbox's {@link CommandPolicy} and {@link
 * ScanPolicy}. A bad rule is a config error naming the file and line ({@code agent config validate} reports it too).
 */
public final class SandboxPolicies {

    private static final Set<String> RULE_FIELDS = Set.of("name", "pattern", "explanation");
    private static final Pattern SCAN_RULE = Pattern.compile("(?:python|javascript|java|bandit)\\.[A-Za-z0-9_.-]+");

    private SandboxPolicies() {}

    /**
     * The execution hooks: the built-in deny rules unless {@code hooks.defaults} is false, then the rules of {@code
     * hooks.deny} in file order.
     *
     * @throws ConfigException naming the file and line of a rule without a name or pattern, with an unknown field,
     *     or with a pattern that is not a Java regular expression
     */
    public static CommandPolicy commandPolicy(CliConfig config) {
        List<CommandRule> custom = customRules(config);
        return config.bool(ConfigSchema.HOOKS_DEFAULTS)
                ? CommandPolicy.defaults().with(custom)
                : CommandPolicy.of(custom);
    }

    /**
     * The static scan's policy from {@code scan.bandit}, {@code scan.before-tests} and {@code scan.block}.
     *
     * @throws ConfigException naming where {@code scan.block} was set when it holds something that is not a rule id
     */
    public static ScanPolicy scanPolicy(CliConfig config) {
        Set<String> block = new LinkedHashSet<>();
        String text = config.find(ConfigSchema.SCAN_BLOCK).orElse("[]").trim();
        if (text.startsWith("[") && text.endsWith("]")) {
            text = text.substring(1, text.length() - 1);
        }
        for (String id : text.split(",")) {
            String rule = id.trim();
            if (rule.isEmpty()) {
                continue;
            }
            if (!SCAN_RULE.matcher(rule).matches()) {
                throw new ConfigException(where(config, ConfigSchema.SCAN_BLOCK) + ": '" + ConfigSchema.SCAN_BLOCK
                        + "' holds '" + rule + "', which is not a scan rule id; write ids such as python.eval,"
                        + " javascript.child-process or bandit.B602.");
            }
            block.add(rule);
        }
        return new ScanPolicy(
                block, config.bool(ConfigSchema.SCAN_BANDIT), config.bool(ConfigSchema.SCAN_BEFORE_TESTS));
    }

    /**
     * Checks both sections without using them ({@code agent config validate}, {@code agent doctor}).
     *
     * @throws ConfigException as {@link #commandPolicy} and {@link #scanPolicy} do
     */
    public static void check(CliConfig config) {
        commandPolicy(config);
        scanPolicy(config);
    }

    private static List<CommandRule> customRules(CliConfig config) {
        String prefix = ConfigSchema.HOOKS_DENY + ".";
        Map<Integer, Map<String, String>> items = new TreeMap<>();
        for (Map.Entry<String, String> e : config.section(prefix).entrySet()) {
            String rest = e.getKey();
            int dot = rest.indexOf('.');
            String index = dot < 0 ? rest : rest.substring(0, dot);
            if (!index.matches("\\d{1,4}") || dot < 0) {
                throw new ConfigException(where(config, prefix + rest) + ": each item of '" + ConfigSchema.HOOKS_DENY
                        + "' must be a rule with name, pattern and explanation.");
            }
            String field = rest.substring(dot + 1);
            if (!RULE_FIELDS.contains(field)) {
                throw new ConfigException(where(config, prefix + rest) + ": a hook rule has no field '" + field
                        + "'; the fields are name, pattern and explanation.");
            }
            items.computeIfAbsent(Integer.parseInt(index), i -> new TreeMap<>()).put(field, e.getValue());
        }
        String bare = config.find(ConfigSchema.HOOKS_DENY).orElse("[]").trim();
        if (items.isEmpty() && !bare.equals("[]")) {
            throw new ConfigException(where(config, ConfigSchema.HOOKS_DENY) + ": '" + ConfigSchema.HOOKS_DENY
                    + "' must be a list of rules, each with name, pattern and explanation.");
        }
        List<CommandRule> rules = new ArrayList<>();
        items.forEach((index, fields) -> {
            String key = prefix + index + ".";
            String name = fields.getOrDefault("name", "").trim();
            String pattern = fields.getOrDefault("pattern", "");
            String at = where(
                    config,
                    key
                            + (fields.containsKey("name")
                                    ? "name"
                                    : fields.keySet().iterator().next()));
            if (name.isEmpty() || pattern.isBlank()) {
                throw new ConfigException(at + ": hook rule " + index + " needs a name and a pattern (a Java regular"
                        + " expression searched in the command text).");
            }
            try {
                rules.add(CommandRule.of(name, pattern, fields.getOrDefault("explanation", "")));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(
                        where(config, key + "pattern") + ": " + e.getMessage() + "; fix the regular expression.", e);
            }
        });
        return rules;
    }

    private static String where(CliConfig config, String key) {
        return config.origin(key).map(ConfigOrigin::where).orElse(key);
    }
}
