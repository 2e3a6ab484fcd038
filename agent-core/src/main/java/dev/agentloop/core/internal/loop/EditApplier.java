package dev.agentloop.core.internal.loop;

import dev.agentloop.core.event.IterationOutcome;
import dev.agentloop.core.internal.project.TestGuard;
import dev.agentloop.core.internal.workspace.Edit;
import dev.agentloop.core.internal.workspace.EditRejectedException;
import dev.agentloop.core.internal.workspace.Workspace;
import dev.agentloop.core.spi.SandboxSession;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Applies a role's edits to the workspace (all or nothing), copies the changed files into the sandbox and hands the
 * diffs to the iteration's record. A rejected batch becomes feedback for the Coder and ends the iteration: an edit
 * escaping the workspace is {@code BLOCKED} and warned about, a diff that does not apply is invalid output. On an
 * existing project, the {@link TestGuard} refuses edits that would weaken its tests.
 */
final class EditApplier {

    private final RunContext run;
    private final Workspace workspace;
    private final SandboxSession session;
    private final IterationRecorder recorder;
    private final CoderFeedback feedback;
    private final Optional<TestGuard> guard;

    EditApplier(
            RunContext run,
            Workspace workspace,
            SandboxSession session,
            IterationRecorder recorder,
            CoderFeedback feedback,
            Optional<TestGuard> guard) {
        this.run = run;
        this.workspace = workspace;
        this.session = session;
        this.recorder = recorder;
        this.feedback = feedback;
        this.guard = guard;
    }

    /** @return empty when the edits were applied, else how the iteration ended */
    Optional<StepResult> apply(List<Edit> edits) {
        try {
            applyOrThrow(edits);
        } catch (EditRejectedException e) {
            feedback.set("Your last edits were not applied: " + e.getMessage());
            IterationOutcome outcome = e.isEscape() ? IterationOutcome.BLOCKED : IterationOutcome.INVALID_MODEL_OUTPUT;
            if (e.isEscape()) {
                run.warn("workspace", e.getMessage());
            }
            return Optional.of(StepResult.end(IterationResult.withoutTests(outcome, e.getMessage())));
        }
        return Optional.empty();
    }

    /**
     * Applies an action's edit: a refusal is returned for the model (which then tries again), the iteration goes on.
     *
     * @return the applied edits' diffs, or the refusal
     */
    Result applyAction(Edit edit) {
        try {
            List<Workspace.AppliedEdit> applied = applyOrThrow(List.of(edit));
            return new Result(applied, Optional.empty(), false);
        } catch (EditRejectedException e) {
            if (e.isEscape()) {
                run.warn("workspace", e.getMessage());
            }
            return new Result(List.of(), Optional.of(e.getMessage()), e.isEscape());
        }
    }

    /**
     * Takes in what a command changed in the working copy ({@code sed -i}, a formatter, a script): each changed text
     * file is checked by the test guard as an edit would be, then kept — its diff joins the iteration's, like an
     * edit's — or, when it would weaken an existing test, put back as it was. Binary and unreadable files are left
     * as the command made them.
     *
     * @param changed the files the command added, changed or deleted, relative to the root
     * @param prior a file's text before the command; empty when it did not exist
     * @param base a file's text at the base, before the run; empty when it did not exist there
     * @param now a file's text after the command; empty when it is gone or not text
     * @return one sentence per change put back, for the model
     */
    List<String> adoptCommandChanges(
            List<String> changed,
            Function<String, Optional<String>> prior,
            Function<String, Optional<String>> base,
            Function<String, Optional<String>> now) {
        List<String> undone = new ArrayList<>();
        List<Workspace.AppliedEdit> applied = new ArrayList<>();
        for (String path : changed) {
            Optional<String> before = prior.apply(path);
            boolean exists = Files.exists(workspace.root().resolve(path), LinkOption.NOFOLLOW_LINKS);
            Optional<String> after = now.apply(path);
            if (exists && after.isEmpty()) {
                continue; // binary or unreadable: not diffed, the hand-off still carries it
            }
            if (guard.isPresent()) {
                Optional<String> refusal =
                        guard.get().check(path, base.apply(path).isPresent(), before.orElse(""), after.orElse(null));
                if (refusal.isPresent() && before.isPresent()) {
                    workspace.restore(path, before.get());
                    session.writeFile(path, before.get());
                    undone.add("The command's change to " + path + " was undone. "
                            + refusal.get().replaceFirst("^The edit", "The change"));
                    continue;
                }
            }
            workspace.adopt(path, before.orElse(""), after.orElse(null)).ifPresent(applied::add);
        }
        recorder.applied(applied);
        return undone;
    }

    /** An action's edit: what was applied, or why not (and whether it tried to leave the workspace). */
    record Result(List<Workspace.AppliedEdit> applied, Optional<String> refusal, boolean escape) {}

    private List<Workspace.AppliedEdit> applyOrThrow(List<Edit> edits) {
        if (guard.isPresent()) {
            check(edits, guard.get());
        }
        List<Workspace.AppliedEdit> applied = workspace.apply(edits);
        for (Workspace.AppliedEdit edit : applied) {
            session.writeFile(edit.path(), workspace.read(edit.path()));
        }
        recorder.applied(applied);
        return applied;
    }

    /** Refuses the batch when one edit would weaken an existing test (checked on the edit's result, not applied). */
    private void check(List<Edit> edits, TestGuard testGuard) {
        for (Edit edit : edits) {
            String path = workspace.key(edit.path());
            boolean existed = workspace.exists(path) && !workspace.files().containsKey(path);
            String before = workspace.readAny(path);
            String after = preview(edit, before);
            if (after == null) {
                continue; // the edit itself is malformed: Workspace.apply reports it
            }
            Optional<String> refusal = testGuard.check(path, existed, before, after);
            if (refusal.isPresent()) {
                throw new EditRejectedException(refusal.get(), false);
            }
        }
    }

    private static String preview(Edit edit, String before) {
        if (edit instanceof Edit.WriteFile write) {
            return write.content();
        }
        if (edit instanceof Edit.ReplaceText replace) {
            int at = before.indexOf(replace.search());
            return at < 0
                    ? null
                    : before.substring(0, at)
                            + replace.replace()
                            + before.substring(at + replace.search().length());
        }
        try {
            return dev.agentloop.core.internal.workspace.UnifiedDiff.apply(before, ((Edit.PatchFile) edit).diff());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
