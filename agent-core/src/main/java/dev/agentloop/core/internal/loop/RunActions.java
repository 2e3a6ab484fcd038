package dev.agentloop.core.internal.loop;

import dev.agentloop.core.ActionConfig;
import dev.agentloop.core.Role;
import dev.agentloop.core.event.ActionKind;
import dev.agentloop.core.event.ActionOutcome;
import dev.agentloop.core.event.ActionTaken;
import dev.agentloop.core.internal.action.ActionCall;
import dev.agentloop.core.internal.action.Actor;
import dev.agentloop.core.internal.hygiene.ContextBudget;
import dev.agentloop.core.internal.workspace.Edit;
import dev.agentloop.core.internal.workspace.ProjectFiles;
import dev.agentloop.core.internal.workspace.Workspace;
import dev.agentloop.core.source.WorkingCopy;
import dev.agentloop.core.spi.ExecRequest;
import dev.agentloop.core.spi.ExecResult;
import dev.agentloop.core.spi.ExecStatus;
import dev.agentloop.core.spi.SandboxSession;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Carries out the model's actions in a run on an existing project: reads, lists and searches the working copy on the
 * host (never following links out, never showing binary or huge files), runs commands in the sandbox through the
 * execution hooks and the approval handler, and applies edits through the {@link EditApplier} (so they are diffed,
 * copied into the sandbox and checked by the test guard). Every action is published as an {@link ActionTaken} and
 * counted for the iteration's record; its result goes back to the model, cut to the configured size. What a command
 * changes in the working copy (found by size and modification time) is taken in like an edit: its diff joins the
 * iteration's, and a change that would weaken an existing test is put back.
 */
final class RunActions implements Actor {

    private static final int LIST_LIMIT = 400;
    private static final int SEARCH_LIMIT = 100;

    private final RunContext run;
    private final ProjectFiles files;
    private final SandboxSession session;
    private final WorkingCopy copy;
    private final Workspace workspace;
    private final EditApplier edits;
    private final ActionConfig config;
    private final Duration commandTimeout;
    private final List<String> log = new ArrayList<>();

    RunActions(
            RunContext run,
            ProjectFiles files,
            SandboxSession session,
            WorkingCopy copy,
            Workspace workspace,
            EditApplier edits,
            ActionConfig config,
            Duration commandTimeout) {
        this.run = run;
        this.files = files;
        this.session = session;
        this.copy = copy;
        this.workspace = workspace;
        this.edits = edits;
        this.config = config;
        this.commandTimeout = commandTimeout;
    }

    @Override
    public ActionConfig config() {
        return config;
    }

    @Override
    public String perform(Role role, ActionCall call) {
        if (role != Role.CODER && call.kind().edits()) {
            return record(
                    role,
                    call,
                    ActionOutcome.REFUSED,
                    "the " + role.id() + " does not edit",
                    "Not done: the " + role.id() + " does not edit files. Say the change in your answer instead.");
        }
        try {
            return switch (call.kind()) {
                case OTHER -> throw new IllegalArgumentException("unknown action");
                case LIST_FILES -> list(role, call);
                case READ_FILE -> read(role, call);
                case SEARCH -> search(role, call);
                case RUN_COMMAND -> command(role, call);
                case REPLACE_TEXT ->
                    edit(
                            role,
                            call,
                            new Edit.ReplaceText(call.text("path"), call.text("search"), call.text("replace")));
                case WRITE_FILE -> edit(role, call, new Edit.WriteFile(call.text("path"), call.text("content")));
                case APPLY_DIFF -> edit(role, call, new Edit.PatchFile(call.text("path"), call.text("diff")));
            };
        } catch (IllegalArgumentException e) {
            return record(role, call, ActionOutcome.REFUSED, e.getMessage(), "Not done: " + e.getMessage());
        } catch (RuntimeException e) {
            // a file or sandbox error: the model hears of it, the run goes on (a broken sandbox shows at TEST)
            String message = e.getClass().getSimpleName() + ": " + e.getMessage();
            return record(role, call, ActionOutcome.FAILED, message, "The action failed: " + message);
        }
    }

    @Override
    public String refuse(Role role, String what, String reason) {
        log.add("refused " + what);
        run.events()
                .publish(new ActionTaken(
                        run.taskId(),
                        run.iteration(),
                        run.now(),
                        role,
                        ActionKind.OTHER,
                        what,
                        ActionOutcome.REFUSED,
                        reason));
        return "Not done: " + reason;
    }

    @Override
    public void limitReached(Role role, int limit) {
        log.add("limit of " + limit + " reached");
        run.events()
                .publish(new ActionTaken(
                        run.taskId(),
                        run.iteration(),
                        run.now(),
                        role,
                        ActionKind.OTHER,
                        "",
                        ActionOutcome.LIMIT_REACHED,
                        "the " + role.id() + " used its " + limit + " actions; told to answer"));
    }

    /** The actions of the current iteration, one short entry each, and forgets them. */
    List<String> drainLog() {
        List<String> out = List.copyOf(log);
        log.clear();
        return out;
    }

    private String list(Role role, ActionCall call) {
        ProjectFiles.Listing listing = files.list(call.text("glob", "**"), LIST_LIMIT);
        StringBuilder out = new StringBuilder();
        listing.entries().forEach(e -> out.append(e.render()).append('\n'));
        if (listing.truncated()) {
            out.append("(more files match; narrow the glob)\n");
        }
        if (listing.entries().isEmpty()) {
            out.append("(no file matches)\n");
        }
        return record(role, call, ActionOutcome.DONE, listing.entries().size() + " files", out.toString());
    }

    private String read(Role role, ActionCall call) {
        String text = files.read(call.text("path"), call.number("start_line", 1), call.number("end_line", 0));
        long lines = text.lines().filter(l -> !l.startsWith("(lines ")).count();
        return record(role, call, ActionOutcome.DONE, lines + " lines", text);
    }

    private String search(Role role, ActionCall call) {
        ProjectFiles.SearchResult result = files.search(call.text("pattern"), call.text("glob", "**"), SEARCH_LIMIT);
        StringBuilder out = new StringBuilder();
        result.hits().forEach(h -> out.append(h).append('\n'));
        if (result.truncated()) {
            out.append("(more matches; narrow the pattern or the glob)\n");
        }
        if (result.hits().isEmpty()) {
            out.append("(no match in ").append(result.filesSearched()).append(" files)\n");
        }
        return record(role, call, ActionOutcome.DONE, result.hits().size() + " matches", out.toString());
    }

    private String command(Role role, ActionCall call) {
        String command = call.text("command");
        if (command.isBlank()) {
            throw new IllegalArgumentException("run_command needs a non-empty \"command\".");
        }
        Map<String, ProjectFiles.Stamp> before = files.stamps();
        ExecResult result = session.exec(new ExecRequest(
                List.of("sh", "-c", command), "", Map.of("PYTHONDONTWRITEBYTECODE", "1"), commandTimeout));
        // what the command changed is taken in like an edit: diffed, and checked by the test guard
        List<String> changed = ProjectFiles.changed(before, files.stamps());
        List<String> undone = changed.isEmpty()
                ? List.of()
                : edits.adoptCommandChanges(changed, this::prior, copy::baseContent, files::text);
        if (result.status() == ExecStatus.BLOCKED) {
            String why = result.stderr().isBlank() ? "refused by rule " + result.blockedBy() : result.stderr();
            return record(
                    role, call, ActionOutcome.BLOCKED, why, "Not run: " + why + ". Do the task without this command.");
        }
        String head = result.timedOut()
                ? "timed out after " + commandTimeout.toSeconds() + " s and was killed"
                : "exit status " + result.exitCode();
        StringBuilder out = new StringBuilder(head).append('\n');
        if (!result.stdout().isEmpty()) {
            out.append("--- stdout\n")
                    .append(result.stdout())
                    .append(result.stdout().endsWith("\n") ? "" : "\n");
        }
        if (!result.stderr().isEmpty()) {
            out.append("--- stderr\n")
                    .append(result.stderr())
                    .append(result.stderr().endsWith("\n") ? "" : "\n");
        }
        if (!changed.isEmpty()) {
            out.append("--- files the command changed: ")
                    .append(String.join(", ", changed.subList(0, Math.min(20, changed.size()))))
                    .append(changed.size() > 20 ? " and " + (changed.size() - 20) + " more" : "")
                    .append('\n');
        }
        undone.forEach(u -> out.append(u).append('\n'));
        return record(
                role,
                call,
                ActionOutcome.DONE,
                head + (undone.isEmpty() ? "" : "; " + undone.size() + " change(s) to tests undone"),
                out.toString());
    }

    /** A file's text before a command: as the run last wrote it, else as it was at the base. */
    private Optional<String> prior(String path) {
        return workspace.files().containsKey(path) ? Optional.of(workspace.read(path)) : copy.baseContent(path);
    }

    private String edit(Role role, ActionCall call, Edit edit) {
        EditApplier.Result result = edits.applyAction(edit);
        if (result.refusal().isPresent()) {
            return record(
                    role,
                    call,
                    result.escape() ? ActionOutcome.BLOCKED : ActionOutcome.REFUSED,
                    result.refusal().get(),
                    "Not done: " + result.refusal().get());
        }
        if (result.applied().isEmpty()) {
            return record(role, call, ActionOutcome.DONE, "no change", "Done; the file already had this content.");
        }
        StringBuilder out = new StringBuilder("Done. The change:\n");
        result.applied().forEach(a -> out.append(a.diff()));
        return record(role, call, ActionOutcome.DONE, "applied", out.toString());
    }

    private String record(Role role, ActionCall call, ActionOutcome outcome, String detail, String result) {
        String oneLine = detail.replace('\n', ' ').strip();
        if (oneLine.length() > 200) {
            oneLine = oneLine.substring(0, 199) + "…";
        }
        log.add(call.kind().id() + " " + call.subject() + (outcome == ActionOutcome.DONE ? "" : " [" + outcome + "]"));
        run.events()
                .publish(new ActionTaken(
                        run.taskId(), run.iteration(), run.now(), role, call.kind(), call.subject(), outcome, oneLine));
        return ContextBudget.cutMiddle(result, config.maxResultChars());
    }
}
