package dev.agentloop.cli.progress;

import dev.agentloop.cli.CliContext;
import dev.agentloop.cli.CliException;
import dev.agentloop.cli.EnvironmentNotReadyException;
import dev.agentloop.cli.ExitCode;
import dev.agentloop.cli.approval.Mode;
import dev.agentloop.cli.approval.ModeApprovalHandler;
import dev.agentloop.cli.approval.PromptClarificationHandler;
import dev.agentloop.cli.approval.Prompter;
import dev.agentloop.cli.config.CliConfig;
import dev.agentloop.cli.config.ConfigSchema;
import dev.agentloop.cli.env.EnvironmentFailures;
import dev.agentloop.cli.env.RunHandle;
import dev.agentloop.cli.env.RunRequest;
import dev.agentloop.core.AgentResult;
import dev.agentloop.core.StopReason;
import dev.agentloop.core.Task;
import dev.agentloop.core.spi.AgentListener;
import dev.agentloop.core.spi.ClarificationHandler;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs one task from the CLI: picks the progress output (status line, plain lines or JSON Lines), the approval
 * and clarification handlers, starts the run, waits for it, prints the summary and maps the result to an exit
 * code. Shared by {@code agent run} and the REPL.
 */
public final class RunExecutor {

    private final CliContext context;
    private final boolean json;
    private final boolean yes;
    private final Optional<Prompter> prompter;

    /**
     * @param json print JSON Lines of the events on stdout and nothing else
     * @param yes answer yes where the mode would ask
     * @param prompter where to ask a person; empty when not on a terminal
     */
    public RunExecutor(CliContext context, boolean json, boolean yes, Optional<Prompter> prompter) {
        this.context = Objects.requireNonNull(context, "context");
        this.json = json;
        this.yes = yes;
        this.prompter = Objects.requireNonNull(prompter, "prompter");
    }

    /** What a run ended with. */
    public record Outcome(ExitCode exitCode, Optional<AgentResult> result, int memoryHits) {}

    /**
     * Runs one task.
     *
     * @param modelScript a scripted model's script, or empty for the configured endpoint
     * @param onStart receives the running handle, so Ctrl-C can cancel it
     * @throws EnvironmentNotReadyException when the run cannot start (database, Docker, model)
     */
    public Outcome run(Task task, CliConfig config, Optional<Path> modelScript, Consumer<RunHandle> onStart) {
        return run(task, config, modelScript, onStart, List.of());
    }

    /**
     * Runs one task with more listeners (a report of the run, such as a pull request's description, listens too).
     *
     * @param more listeners added to the progress output's
     * @throws EnvironmentNotReadyException when the run cannot start (database, Docker, model)
     */
    public Outcome run(
            Task task,
            CliConfig config,
            Optional<Path> modelScript,
            Consumer<RunHandle> onStart,
            List<AgentListener> more) {
        RunStats stats = new RunStats();
        List<AgentListener> listeners = new ArrayList<>();
        listeners.add(new MdcListener());
        listeners.add(stats);
        listeners.addAll(more);
        StatusLineProgress statusLine = null;
        if (json) {
            listeners.add(new JsonLinesProgress(context.out()));
        } else if (context.terminal().interactive()) {
            statusLine = new StatusLineProgress(
                    context.out(), stats, context.clock(), context.terminal().widthSupplier());
            listeners.add(statusLine);
        } else {
            listeners.add(new PlainProgress(context.out(), stats));
        }
        Mode mode = Mode.fromId(config.get(ConfigSchema.MODE));
        StatusLineProgress line = statusLine;
        Optional<Prompter> asking = prompter.map(p -> question -> {
            if (line != null) {
                line.clear();
            }
            return p.ask(question);
        });
        ClarificationHandler clarifications = asking.<ClarificationHandler>map(PromptClarificationHandler::new)
                .orElse((question, suggestions) -> Optional.empty());
        RunRequest request = new RunRequest(
                task,
                config,
                AgentListener.all(listeners),
                new ModeApprovalHandler(mode, yes, asking),
                clarifications,
                modelScript);
        try {
            RunHandle handle = context.backends().startRun(request);
            onStart.accept(handle);
            AgentResult result;
            try {
                result = handle.await();
            } catch (InterruptedException e) {
                handle.cancel();
                Thread.currentThread().interrupt();
                throw new CliException(ExitCode.CANCELLED, "Cancelled while waiting for the run to end.", e);
            }
            if (line != null) {
                line.close();
            }
            if (!json) {
                RunSummary.of(result, stats.memoryHits()).forEach(context.out()::println);
                context.out().flush();
            }
            return new Outcome(exitCode(result), Optional.of(result), stats.memoryHits());
        } finally {
            if (line != null) {
                line.close();
            }
        }
    }

    /** 0 solved, 1 stopped, 130 cancelled, 3 when an unreachable service ended it, 4 otherwise. */
    public static ExitCode exitCode(AgentResult result) {
        if (result instanceof AgentResult.Solved) {
            return ExitCode.SOLVED;
        }
        if (result instanceof AgentResult.Stopped s) {
            return s.reason() == StopReason.CANCELLED ? ExitCode.CANCELLED : ExitCode.STOPPED;
        }
        AgentResult.Failed failed = (AgentResult.Failed) result;
        return EnvironmentFailures.isEnvironmental(failed.cause()) ? ExitCode.ENVIRONMENT : ExitCode.INTERNAL;
    }
}
