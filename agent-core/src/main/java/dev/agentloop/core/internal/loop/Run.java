package dev.agentloop.core.internal.loop;

import dev.agentloop.core.Phase;
import dev.agentloop.core.StopReason;
import dev.agentloop.core.event.IterationOutcome;
import dev.agentloop.core.internal.breaker.Trip;
import dev.agentloop.core.internal.role.Auditor;
import dev.agentloop.core.internal.role.Coder;
import dev.agentloop.core.internal.role.Planner;
import dev.agentloop.core.internal.role.PromptLibrary;
import dev.agentloop.core.internal.role.Reflector;
import dev.agentloop.core.internal.role.Reprompter;
import dev.agentloop.core.internal.role.Reviewer;
import dev.agentloop.core.internal.role.RoleCaller;
import dev.agentloop.core.internal.role.Tester;
import dev.agentloop.core.internal.workspace.Workspace;
import dev.agentloop.core.spi.ApprovalHandler;
import dev.agentloop.core.spi.ClarificationHandler;
import dev.agentloop.core.spi.SandboxSession;
import dev.agentloop.core.spi.SuccessPattern;
import java.util.EnumMap;
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

    Run(
            RunContext run,
            Workspace workspace,
            SandboxSession session,
            Optional<ClarificationHandler> person,
            ApprovalHandler approvals,
            RoleCaller caller) {
        this.run = run;
        this.workspace = workspace;
        PromptLibrary prompts = caller.prompts();
        int historyLines = run.config().hygiene().historyLines();
        this.clarifier = new TaskClarifier(run, new Reprompter(caller), person);
        this.budgetNotes = new BudgetNotes(run, prompts);
        this.policy = new PhasePolicy(run.config().reviewEnabled(), run.config().auditEnabled());
        this.gate = new PhaseGate(run, approvals);
        this.recorder = new IterationRecorder(run);

        CoderFeedback feedback = new CoderFeedback();
        TestState tests = new TestState();
        PromptContext context =
                new PromptContext(workspace, tests, run.config().hygiene().maxTestOutputChars());
        EditApplier edits = new EditApplier(run, workspace, session, recorder, feedback);
        ScanGate scanGate = new ScanGate(workspace, session, feedback);
        FixLinker fixes = new FixLinker(run, workspace);
        EscalationLadder ladder = new EscalationLadder(run, person, prompts, planning);

        steps.put(Phase.PLAN, new PlanStep(run, new Planner(caller), planning, feedback));
        steps.put(
                Phase.CODE,
                new CodeStep(run, new Coder(caller, historyLines), planning, workspace, edits, feedback, recorder));
        steps.put(Phase.REVIEW, new ReviewStep(run, new Reviewer(caller), planning, workspace, feedback));
        steps.put(Phase.AUDIT, new AuditStep(run, new Auditor(caller), planning, workspace, scanGate, feedback));
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
                        recorder));
    }

    /**
     * Runs until the tests pass.
     *
     * @return the plan's approach, for the success pattern
     * @throws StopSignal when the breaker trips or the run is cancelled
     */
    String execute() {
        planning.specified(clarifier.spec());
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
                        IterationResult.withoutTests(outcome, stop.trip().detail()));
                throw stop;
            } catch (RuntimeException e) {
                recorder.finish(IterationResult.withoutTests(IterationOutcome.ERROR, String.valueOf(e.getMessage())));
                throw e;
            }
            recorder.finish(result);
            if (result.outcome() == IterationOutcome.PASSED) {
                recordSuccess();
                return planning.plan().approach();
            }
        }
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
