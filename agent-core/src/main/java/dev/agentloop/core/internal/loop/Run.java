package dev.agentloop.core.internal.loop;

import dev.agentloop.core.Checkpoint;
import dev.agentloop.core.Phase;
import dev.agentloop.core.StopReason;
import dev.agentloop.core.event.Checkpointed;
import dev.agentloop.core.event.IterationOutcome;
import dev.agentloop.core.internal.breaker.Trip;
import dev.agentloop.core.internal.project.TestGuard;
import dev.agentloop.core.internal.role.Auditor;
import dev.agentloop.core.internal.role.Coder;
import dev.agentloop.core.internal.role.Outputs;
import dev.agentloop.core.internal.role.Planner;
import dev.agentloop.core.internal.role.PromptLibrary;
import dev.agentloop.core.internal.role.Reflector;
import dev.agentloop.core.internal.role.Reprompter;
import dev.agentloop.core.internal.role.Reviewer;
import dev.agentloop.core.internal.role.RoleCaller;
import dev.agentloop.core.internal.role.Tester;
import dev.agentloop.core.internal.workspace.Edit;
import dev.agentloop.core.internal.workspace.Workspace;
import dev.agentloop.core.spi.ApprovalHandler;
import dev.agentloop.core.spi.ClarificationHandler;
import dev.agentloop.core.spi.SandboxSession;
import dev.agentloop.core.spi.SuccessPattern;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The iterations of one run on an open workspace and sandbox session: before each, the breaker is asked; inside it,
 * the {@link PhasePolicy} says which phase comes next, the {@link PhaseGate} enters it and the phase's step does the
 * work, until a step ends the iteration. {@link AgentLoop} owns the lifecycle around it (opening, closing, recording
 * the end). This class wires the parts of a run together and drives them; it does none of their work.
 */
final class Run {

    private final RunContext run;
    private final Workspace workspace;
    private final Planning planning = new Planning();
    private final TaskClarifier clarifier;
    private final BudgetNotes budgetNotes;
    private final PhasePolicy policy;
    private final PhaseGate gate;
    private final IterationRecorder recorder;
    private final Map<Phase, PhaseStep> steps = new EnumMap<>(Phase.class);
    private final Optional<Project> project;
    private final Optional<RunActions> actions;
    private String lastSummary = "";
    private final TestState tests;
    private final SandboxSession session;
    private final Optional<Resumption> resumption;
    private final CoderFeedback feedback;

    Run(
            RunContext run,
            Workspace workspace,
            SandboxSession session,
            Optional<ClarificationHandler> person,
            ApprovalHandler approvals,
            RoleCaller caller,
            Optional<Project> project,
            Optional<Checkpoint> resumeFrom) {
        this.run = run;
        this.resumption = resumeFrom.map(Resumption::new);
        this.workspace = workspace;
        PromptLibrary prompts = caller.prompts();
        int historyLines = run.config().hygiene().historyLines();
        this.clarifier = new TaskClarifier(run, new Reprompter(caller), person);
        this.budgetNotes = new BudgetNotes(run, prompts);
        this.policy = new PhasePolicy(run.config().reviewEnabled(), run.config().auditEnabled());
        this.gate = new PhaseGate(run, approvals);
        this.recorder = new IterationRecorder(run);

        CoderFeedback feedback = new CoderFeedback();
        this.feedback = feedback;
        TestState tests = new TestState();
        this.tests = tests;
        this.session = session;
        PromptContext context =
                new PromptContext(workspace, tests, run.config().hygiene().maxTestOutputChars());
        Optional<TestGuard> guard = project.map(Project::guard);
        if (guard.isEmpty() && !run.task().tests().given().isEmpty()) {
            guard = Optional.of(new TestGuard(run.task().language(), run.task().tests()));
        }
        EditApplier edits = new EditApplier(run, workspace, session, recorder, feedback, guard);
        Optional<RunActions> actions = project.map(p -> new RunActions(
                run,
                p.files(),
                session,
                p.copy(),
                workspace,
                edits,
                run.config().actions(),
                run.config().testTimeout()));
        this.actions = actions;
        ScanGate scanGate = new ScanGate(workspace, session, feedback);
        FixLinker fixes = new FixLinker(run, workspace);
        EscalationLadder ladder = new EscalationLadder(run, person, prompts, planning);

        if (project.isPresent()) {
            steps.put(Phase.PLAN, new ProjectPlanStep(run, planning));
            steps.put(
                    Phase.CODE,
                    new ProjectCodeStep(
                            run,
                            new Coder(caller, historyLines),
                            project.get(),
                            workspace,
                            edits,
                            actions.get(),
                            feedback,
                            recorder));
        } else {
            steps.put(Phase.PLAN, new PlanStep(run, new Planner(caller), planning, feedback));
            steps.put(
                    Phase.CODE,
                    new CodeStep(run, new Coder(caller, historyLines), planning, workspace, edits, feedback, recorder));
        }
        steps.put(Phase.REVIEW, new ReviewStep(run, new Reviewer(caller), planning, workspace, feedback, tests));
        steps.put(Phase.AUDIT, new AuditStep(run, new Auditor(caller), planning, workspace, scanGate, feedback));
        if (project.isPresent()) {
            steps.put(Phase.TEST, new ProjectTestStep(run, project.get(), tests, session, scanGate, fixes));
        } else
            steps.put(
                    Phase.TEST,
                    new TestStep(
                            run,
                            new Tester(caller),
                            planning,
                            tests,
                            workspace,
                            session,
                            edits,
                            scanGate,
                            fixes,
                            feedback));
        steps.put(
                Phase.REFLECT,
                new ReflectStep(
                        run,
                        new Reflector(caller, historyLines),
                        planning,
                        tests,
                        workspace,
                        context,
                        fixes,
                        ladder,
                        new SimilarFailures(run),
                        feedback,
                        recorder,
                        project,
                        actions));
        this.project = project;
    }

    /**
     * Runs until the tests pass.
     *
     * @return the plan's approach, for the success pattern
     * @throws StopSignal when the breaker trips or the run is cancelled
     */
    String execute() {
        if (project.isPresent()) {
            // the project is the specification: no reprompter call, no planner call (see ProjectPlanStep)
            planning.specified(Outputs.Spec.ofGoal(run.task().title()));
        } else {
            planning.specified(clarifier.spec());
        }
        writeGivenTests();
        resumption.ifPresent(r -> r.restore(workspace, session, tests, recorder, planning, feedback));
        while (true) {
            int next = run.iteration() + 1;
            Optional<Trip> trip = run.breaker().beforeIteration(next);
            if (trip.isPresent()) {
                throw new StopSignal(trip.get());
            }
            run.state().nextIteration();
            recorder.start();
            IterationResult result;
            try {
                result = iteration(budgetNotes.forIteration(next));
            } catch (StopSignal stop) {
                IterationOutcome outcome = stop.trip().reason() == StopReason.CANCELLED
                        ? IterationOutcome.CANCELLED
                        : IterationOutcome.STOPPED;
                recorder.finish(
                        IterationResult.withoutTests(outcome, stop.trip().detail()), actionLog());
                throw stop;
            } catch (RuntimeException e) {
                if (run.breaker().cancelled()) {
                    // an interrupted model or sandbox call surfaces as an error: the cause is the cancel
                    Trip cancel = new Trip(StopReason.CANCELLED, "cancelled by the caller");
                    recorder.finish(
                            IterationResult.withoutTests(IterationOutcome.CANCELLED, cancel.detail()), actionLog());
                    throw new StopSignal(cancel);
                }
                recorder.finish(
                        IterationResult.withoutTests(IterationOutcome.ERROR, String.valueOf(e.getMessage())),
                        actionLog());
                throw e;
            }
            recorder.finish(result, actionLog());
            lastSummary = result.summary();
            if (result.outcome() == IterationOutcome.PASSED) {
                recordSuccess();
                return planning.plan().approach();
            }
            publishCheckpoint();
        }
    }

    /**
     * After an iteration that did not pass, says where the run stands, so another process can go on from here. Not
     * for a repository task: its working copy does not outlive this run.
     */
    private void publishCheckpoint() {
        if (project.isPresent()) {
            return;
        }
        Checkpoint checkpoint = new Checkpoint(
                run.iteration(),
                workspace.files(),
                tests.writeNeeded() ? List.of() : tests.files(),
                recorder.history(),
                run.breaker().tokens(),
                run.breaker().cost());
        run.events().publish(new Checkpointed(run.taskId(), run.iteration(), run.now(), checkpoint));
    }

    /** The task's acceptance tests go into the workspace before the first iteration; the guard keeps them as given. */
    private void writeGivenTests() {
        Map<String, String> given = run.task().tests().given();
        if (given.isEmpty()) {
            return;
        }
        List<Edit> writes = new java.util.ArrayList<>();
        given.forEach((path, content) -> writes.add(new Edit.WriteFile(path, content)));
        for (Workspace.AppliedEdit edit : workspace.apply(writes)) {
            session.writeFile(edit.path(), workspace.read(edit.path()));
        }
        tests.given(List.copyOf(given.keySet()));
    }

    /** The summary of the last finished iteration (the passing one, after {@link #execute()}). */
    String lastSummary() {
        return lastSummary;
    }

    private List<String> actionLog() {
        return actions.map(RunActions::drainLog).orElse(List.of());
    }

    /** The workspace's files, path to content. */
    Map<String, String> files() {
        return workspace.files();
    }

    /** One iteration: phase after phase as the policy says, until a step ends it. */
    private IterationResult iteration(String budgetNote) {
        Phase phase = policy.first(planning.planNeeded());
        while (true) {
            gate.enter(phase);
            StepResult result = steps.get(phase).run(budgetNote);
            if (result instanceof StepResult.EndIteration end) {
                return end.result();
            }
            phase = policy.after(phase);
        }
    }

    private void recordSuccess() {
        run.memory()
                .recordPattern(new SuccessPattern(
                        UUID.randomUUID(),
                        run.taskId(),
                        run.task().text(),
                        run.task().language(),
                        run.task().projectType(),
                        planning.plan().render(),
                        run.iteration(),
                        run.now()));
    }
}
