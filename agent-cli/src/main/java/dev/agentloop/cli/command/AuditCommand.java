package dev.agentloop.cli.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentloop.cli.CliContext;
import dev.agentloop.cli.CliException;
import dev.agentloop.cli.config.CliConfig;
import dev.agentloop.cli.config.Durations;
import dev.agentloop.cli.output.Table;
import dev.agentloop.core.audit.AuditEntry;
import dev.agentloop.git.github.GitHubException;
import dev.agentloop.git.github.RepoName;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code agent audit}: every action taken on GitHub, oldest first. */
@Command(
        name = "audit",
        header = "Lists every action taken on GitHub: reads, claims, runs, pushes, pull requests, comments, merges.",
        mixinStandardHelpOptions = true,
        description =
                "Lists the audit trail oldest first: when (UTC), who (the token's user), what, the repository, the"
                        + " target, the result (ok, refused, failed), the cost of a run, and one line of detail (a URL, the"
                        + " policy's reasons, an error). No secret is ever recorded.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  agent audit",
            "  agent audit --repo octo/textkit --since 24h",
            "  agent audit --since 2026-03-01 --json | jq -r 'select(.action == \"merge\") | .detail'",
            "",
            CommandSupport.EXIT_CODES
        })
public final class AuditCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.time.format.DateTimeFormatter WHEN =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private final CliContext context;

    @Option(names = "--repo", paramLabel = "OWNER/REPO", description = "Only this repository's actions.")
    String repo;

    @Option(
            names = "--since",
            paramLabel = "WHEN",
            description = "Only actions at or after: a date (2026-03-01, UTC), a time (2026-03-01T09:00:00Z) or a"
                    + " time ago (30m, 24h).")
    String since;

    @Option(
            names = "--limit",
            paramLabel = "N",
            defaultValue = "200",
            description = "The newest N actions, 1..100000 (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--json", description = "One JSON object per action (JSON Lines) instead of a table.")
    boolean json;

    public AuditCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (limit < 1 || limit > 100_000) {
            throw CliException.usage("--limit must be in 1..100000, was " + limit + ".");
        }
        Optional<String> repository = Optional.ofNullable(repo).map(r -> {
            try {
                return RepoName.parse(r).toString();
            } catch (GitHubException e) {
                throw CliException.usage("--repo " + e.getMessage());
            }
        });
        Optional<Instant> from = Optional.ofNullable(since).map(this::parseSince);
        CliConfig config = CommandSupport.loadConfig(context);
        List<AuditEntry> entries =
                context.backends().openAuditTrail(config, false).list(repository, from, limit);
        if (json) {
            entries.forEach(e -> context.out().println(json(e)));
        } else if (entries.isEmpty()) {
            context.out()
                    .println("No actions on record"
                            + repository.map(r -> " for " + r).orElse("")
                            + from.map(f -> " since " + f).orElse("") + ".");
        } else {
            Table table =
                    new Table(7, "WHEN (UTC)", "ACTOR", "ACTION", "REPOSITORY", "TARGET", "RESULT", "COST", "DETAIL");
            for (AuditEntry e : entries) {
                table.row(
                        WHEN.format(e.at().atOffset(ZoneOffset.UTC)),
                        e.actor(),
                        e.action().id(),
                        e.repository(),
                        e.target(),
                        e.result().name().toLowerCase(Locale.ROOT),
                        e.cost() == 0 ? "" : String.format(Locale.ROOT, "%.4f", e.cost()),
                        e.detail());
            }
            // on a terminal the detail is cut to its width; piped, every line is whole (for grep)
            int width = context.terminal().interactive() ? context.terminal().width() : Integer.MAX_VALUE / 2;
            table.render(width).forEach(context.out()::println);
        }
        return 0;
    }

    private Instant parseSince(String text) {
        String t = text.trim();
        Optional<java.time.Duration> ago = Durations.tryParse(t);
        if (ago.isPresent()) {
            return context.clock().instant().minus(ago.get());
        }
        try {
            return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException notADate) {
            try {
                return Instant.parse(t);
            } catch (DateTimeParseException notATime) {
                throw CliException.usage("--since " + text + ": give a date (2026-03-01), a time"
                        + " (2026-03-01T09:00:00Z) or a time ago (30m, 24h).");
            }
        }
    }

    private static String json(AuditEntry e) {
        ObjectNode n = JSON.createObjectNode()
                .put("at", e.at().toString())
                .put("actor", e.actor())
                .put("action", e.action().id())
                .put("repository", e.repository())
                .put("target", e.target())
                .put("result", e.result().name().toLowerCase(Locale.ROOT))
                .put("cost", e.cost())
                .put("detail", e.detail());
        return n.toString();
    }
}
