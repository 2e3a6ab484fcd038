package dev.agentloop.sandbox;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The execution hooks: every command is checked against these rules before it runs, and a command that matches
 * one is never run. The defaults ({@link #defaults()}) are the {@code hooks.deny} list of {@code config/agent.yaml}.
 *
 * <p>The rules are a tripwire for obviously destructive commands, not the isolation itself: the container's
 * limits are what contain a command that slips past them.
 */
public final class CommandPolicy {

    private static final String RM_FLAGS = "(?:-{1,2}[\\w-]+\\s+)*";

    private static final List<CommandRule> RISKY_DEFAULTS = List.of(
            CommandRule.of(
                    "package-install",
                    "\\b(?:pip3?|python3?\\s+-m\\s+pip)\\s+install\\b|\\bnpm\\s+(?:install|i|add|ci)\\b"
                            + "|\\byarn\\s+add\\b|\\bapt(?:-get)?\\s+install\\b|\\bgem\\s+install\\b",
                    "installs packages"),
            CommandRule.of("network-fetch", "\\b(?:curl|wget)\\b", "fetches from the network"),
            CommandRule.of("git-remote", "\\bgit\\s+(?:push|pull|fetch|clone|remote)\\b", "talks to a git remote"),
            CommandRule.of(
                    "recursive-delete", "\\brm\\s+(?:-{1,2}[\\w-]+\\s+)*-[a-zA-Z]*[rR]", "deletes folders recursively"),
            CommandRule.of("chmod-recursive", "\\bchmod\\s+(?:-\\w+\\s+)*-R\\b", "changes permissions recursively"),
            CommandRule.of("kill-processes", "\\b(?:kill|pkill|killall)\\b", "kills processes"));

    private static final CommandPolicy DEFAULTS = new CommandPolicy(List.of(
            CommandRule.of(
                    "rm-rf-root",
                    "\\brm\\s+" + RM_FLAGS
                            + "(?:/|/\\*|~/?|\\$HOME/?|/(?:bin|boot|dev|etc|home|lib|proc|root|sys|usr|var)/?)"
                            + "(?:\\s|$|[;&|)])",
                    "deletes the root, home or a system directory"),
            CommandRule.of("mkfs", "\\bmkfs(?:\\.\\w+)?\\b|\\bmke2fs\\b|\\bwipefs\\b", "formats a file system"),
            CommandRule.of(
                    "raw-device-write",
                    "\\bof=/dev/(?!null\\b|zero\\b|stdout\\b|stderr\\b)\\w+|>\\s*/dev/(?:sd|hd|vd|xvd|nvme|mmcblk|dm-|loop)\\w*",
                    "writes to a raw device"),
            CommandRule.of(
                    "fork-bomb",
                    "(\\w+|:)\\s*\\(\\)\\s*\\{\\s*\\1\\s*\\|\\s*\\1\\s*&\\s*\\}|\\bos\\.fork\\(\\).*\\bwhile\\b|while\\s*(?:true|1|:)\\s*;?\\s*do\\s+\\S*\\s*&\\s*done",
                    "is a fork bomb"),
            CommandRule.of(
                    "pipe-to-shell",
                    "\\b(?:curl|wget|fetch)\\b[^|;&]*\\|\\s*(?:sudo\\s+)?(?:ba|z|da|k|c|tc)?sh\\b",
                    "downloads a script and runs it"),
            CommandRule.of(
                    "privilege-escalation",
                    "(?:^|[\\s;&|(`])(?:sudo|doas|pkexec)\\b|(?:^|[\\s;&|(`])su(?:\\s+-)?(?:\\s+root)?(?:\\s|$)",
                    "asks for root privileges"),
            CommandRule.of(
                    "chmod-777-root",
                    "\\bchmod\\s+(?:-{1,2}[\\w-]+\\s+)*(?:0?777|a\\+rwx)\\s+/(?:\\s|$|\\*)",
                    "makes the whole file system writable for everyone"),
            CommandRule.of(
                    "reverse-shell",
                    "/dev/(?:tcp|udp)/|\\b(?:nc|ncat|netcat)\\b[^|;&]*\\s-(?:e|c)\\s|\\bsocat\\b[^|;&]*\\bexec:"
                            + "|\\bbash\\s+-i\\s*[<>]&|socket\\.socket\\(.*(?:dup2|pty\\.spawn)",
                    "opens a reverse shell")));

    private final List<CommandRule> rules;
    private final List<CommandRule> risky;

    private CommandPolicy(List<CommandRule> rules) {
        this(rules, RISKY_DEFAULTS);
    }

    private CommandPolicy(List<CommandRule> rules, List<CommandRule> risky) {
        this.rules = List.copyOf(rules);
        this.risky = List.copyOf(risky);
    }

    /**
     * This policy with these rules for risky commands: a command matching one (and no deny rule) runs only when the
     * approval handler approves it (supervised mode asks a person; autonomous mode denies). An empty list asks for
     * nothing. The defaults cover package installs, network fetches, git remotes, recursive deletes and chmods, and
     * killing processes.
     *
     * @param value the risky rules; empty to ask for nothing
     * @return a copy with these risky rules
     */
    public CommandPolicy withRisky(List<CommandRule> value) {
        return new CommandPolicy(rules, value);
    }

    /** {@return the rules for commands that need an approval} */
    public List<CommandRule> riskyRules() {
        return risky;
    }

    /**
     * {@return the first risky rule this argv matches, or empty}
     *
     * @param argv the command
     */
    public Optional<CommandRule> risky(List<String> argv) {
        String text = String.join(" ", argv);
        return risky.stream().filter(rule -> rule.matches(text)).findFirst();
    }

    /** {@return the built-in deny list (see the class comment)} */
    public static CommandPolicy defaults() {
        return DEFAULTS;
    }

    /**
     * {@return a policy with exactly these rules (an empty list allows everything)}
     *
     * @param rules the deny rules
     */
    public static CommandPolicy of(List<CommandRule> rules) {
        return new CommandPolicy(rules, List.of());
    }

    /**
     * {@return this policy plus more rules}
     *
     * @param more the deny rules to add
     */
    public CommandPolicy with(List<CommandRule> more) {
        return new CommandPolicy(
                java.util.stream.Stream.concat(rules.stream(), more.stream()).collect(Collectors.toList()), risky);
    }

    /** {@return the rules that refuse a command} */
    public List<CommandRule> rules() {
        return rules;
    }

    /**
     * {@return the first rule that refuses this argv (checked as the text a shell would see), or empty}
     *
     * @param argv the command
     */
    public Optional<CommandRule> check(List<String> argv) {
        String text = String.join(" ", argv);
        for (CommandRule rule : rules) {
            if (rule.matches(text)) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }
}
