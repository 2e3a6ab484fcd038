package dev.agentloop.core.internal.loop;

import dev.agentloop.core.AgentConfig;
import dev.agentloop.core.FailureSignature;
import dev.agentloop.core.Phase;
import dev.agentloop.core.StopReason;
import dev.agentloop.core.Task;
import dev.agentloop.core.event.AgentWarning;
import dev.agentloop.core.event.ApprovalDecided;
import dev.agentloop.core.event.BreakerEscalated;
import dev.agentloop.core.event.BreakerWarning;
import dev.agentloop.core.event.FailureStored;
import dev.agentloop.core.event.FixLinked;
import dev.agentloop.core.event.IterationFinished;
import dev.agentloop.core.event.IterationOutcome;
import dev.agentloop.core.event.MemoryHit;
import dev.agentloop.core.event.PhaseEntered;
import dev.agentloop.core.event.TestsRun;
import dev.agentloop.core.internal.breaker.CircuitBreaker;
import dev.agentloop.core.internal.breaker.Escalation;
import dev.agentloop.core.internal.breaker.Trip;
import dev.agentloop.core.internal.hygiene.ContextBudget;
import dev.agentloop.core.internal.role.Auditor;
import dev.agentloop.core.internal.role.Coder;
import dev.agentloop.core.internal.role.InvalidOutputException;
import dev.agentloop.core.internal.role.Outputs;
import dev.agentloop.core.internal.role.Planner;
import dev.agentloop.core.internal.role.PromptLibrary;
import dev.agentloop.core.internal.role.Reflector;
import dev.agentloop.core.internal.role.Reprompter;
import dev.agentloop.core.internal.role.Reviewer;
import dev.agentloop.core.internal.role.RoleCaller;
import dev.agentloop.core.internal.role.Tester;
import dev.agentloop.core.internal.workspace.Edit;
import dev.agentloop.core.internal.workspace.EditRejectedException;
import dev.agentloop.core.internal.workspace.UnifiedDiff;
import dev.agentloop.core.internal.workspace.Workspace;
import dev.agentloop.core.spi.ApprovalDecision;
import dev.agentloop.core.spi.ApprovalKind;
import dev.agentloop.core.spi.ApprovalRecord;
import dev.agentloop.core.spi.ApprovalRequest;
import dev.agentloop.core.spi.ClarificationHandler;
import dev.agentloop.core.spi.FailureMatch;
import dev.agentloop.core.spi.FailureQuery;
import dev.agentloop.core.spi.FailureRecord;
import dev.agentloop.core.spi.FixRecord;
import dev.agentloop.core.spi.IterationRecord;
import dev.agentloop.core.spi.PatternMatch;
import dev.agentloop.core.spi.RetrievalRecord;
import dev.agentloop.core.spi.SandboxSession;
import dev.agentloop.core.spi.ScanFinding;
import dev.agentloop.core.spi.SuccessPattern;
import dev.agentloop.core.spi.TestCaseResult;
import dev.agentloop.core.spi.TestReport;
import dev.agentloop.core.spi.TestRequest;
import dev.agentloop.core.spi.TestStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The phases of one run, iteration by iteration, on an open workspace and sandbox session. {@link AgentLoop} owns
 * the lifecycle around it (opening, closing, recording the end); this class decides what comes next and does it.
 */
final class Run {

    private static final Logger LOG = LoggerFactory.getLogger(Run.class);
    private static final int EXCERPT_CHARS = 4_000;

    private final Task task;
    private final AgentConfig config;
    private final Clock clock;
    private final Instant start;
    private final RunState state;
    private final Events events;
    private final SafeMemory memory;
    private final CircuitBreaker breaker;
    private final Workspace workspace;
    private final SandboxSession session;
    private final Optional<ClarificationHandler> person;
    private final dev.agentloop.core.spi.ApprovalHandler approvals;
    private final PromptLibrary prompts;
    private final Reprompter reprompter;
    private final Planner planner;
    private final Coder coder;
    private final Reviewer reviewer;
    private final Auditor auditor;
    private final Tester tester;
    private final Reflector reflector;

    private Outputs.Spec spec;
    private Outputs.Plan plan;
    private boolean needPlan = true;
    private boolean needTests = true;
    private List<String> testFiles = List.of();
    private String feedback = "";
    private String testFeedback = "";
    private String escalationNote = "";
    private String failureHistoryForReplan = "";
    private final List<String> history = new ArrayList<>();
    private final List<String> failureLines = new ArrayList<>();
    private final List<PendingFailure> pending = new ArrayList<>();
    private final List<Workspace.AppliedEdit> iterationEdits = new ArrayList<>();
    private String lastHypothesis = "";

    /** A failure whose fix is not known yet: the code as it was when it failed. */
    private record PendingFailure(UUID id, Map<String, String> snapshot) {}

    /** How an iteration ended, with its one-line summary and test counts. */
    private record IterationResult(IterationOutcome outcome, String summary, int passed, int total) {}

    Run(
            Task task,
            AgentConfig config,
            Clock clock,
            Instant start,
            RunState state,
            Events events,
            SafeMemory memory,
            CircuitBreaker breaker,
            Workspace workspace,
            SandboxSession session,
            Optional<ClarificationHandler> person,
            dev.agentloop.core.spi.ApprovalHandler approvals,
            RoleCaller caller) {
        this.task = task;
        this.config = config;
        this.clock = clock;
        this.start = start;
        this.state = state;
        this.events = events;
        this.memory = memory;
        this.breaker = breaker;
        this.workspace = workspace;
        this.session = session;
        this.person = person;
        this.approvals = approvals;
        this.prompts = caller.prompts();
        int historyLines = config.hygiene().historyLines();
        this.reprompter = new Reprompter(caller);
        this.planner = new Planner(caller);
        this.coder = new Coder(caller, historyLines);
        this.reviewer = new Reviewer(caller);
        this.auditor = new Auditor(caller);
        this.tester = new Tester(caller);
        this.reflector = new Reflector(caller, historyLines);
    }

    /**
     * Runs until the tests pass.
     *
     * @return the plan's approach, for the success pattern
     * @throws StopSignal when the breaker trips or the run is cancelled
     */
    String execute() {
        spec = clarify(reprompt());
        while (true) {
            int next = state.iteration() + 1;
            Optional<Trip> trip = breaker.beforeIteration(next);
            if (trip.isPresent()) {
                throw new StopSignal(trip.get());
            }
            state.nextIteration();
            Instant iterationStart = clock.instant();
            iterationEdits.clear();
            IterationResult result;
            try {
                result = iteration(budgetNote(next));
            } catch (StopSignal stop) {
                IterationOutcome outcome = stop.trip().reason() == StopReason.CANCELLED
                        ? IterationOutcome.CANCELLED
                        : IterationOutcome.STOPPED;
                finish(iterationStart, new IterationResult(outcome, stop.trip().detail(), 0, 0));
                throw stop;
            } catch (RuntimeException e) {
                finish(
                        iterationStart,
                        new IterationResult(IterationOutcome.ERROR, String.valueOf(e.getMessage()), 0, 0));
                throw e;
            }
            finish(iterationStart, result);
            if (result.outcome() == IterationOutcome.PASSED) {
                memory.recordPattern(new SuccessPattern(
                        UUID.randomUUID(),
                        task.id(),
                        task.text(),
                        task.language(),
                        task.projectType(),
                        plan.render(),
                        state.iteration(),
                        clock.instant()));
                return plan.approach();
            }
        }
    }

    Map<String, String> files() {
        return workspace.files();
    }

    private IterationResult iteration(String budgetNote) {
        if (needPlan) {
            announce(Phase.PLAN);
            try {
                plan = planner.run(task, spec, patterns(), failureHistoryForReplan, budgetNote);
            } catch (InvalidOutputException e) {
                return invalid(e);
            }
            needPlan = false;
            failureHistoryForReplan = "";
        }

        announce(Phase.CODE);
        Outputs.CodeChange change;
        try {
            change = coder.run(task, spec, plan, workspace.files(), feedback, history, budgetNote);
        } catch (InvalidOutputException e) {
            return invalid(e);
        }
        Optional<IterationResult> rejected = applyEdits(change.edits());
        if (rejected.isPresent()) {
            return rejected.get();
        }
        feedback = "";

        if (config.reviewEnabled()) {
            announce(Phase.REVIEW);
            Outputs.Review review;
            try {
                review = reviewer.run(task, spec, plan, workspace.files());
            } catch (InvalidOutputException e) {
                return invalid(e);
            }
            if (!review.blocking().isEmpty()) {
                feedback = "The reviewer blocked the code:\n" + findings(review.blocking());
                return new IterationResult(
                        IterationOutcome.REJECTED_BY_REVIEW,
                        "review blocked: " + review.blocking().get(0).message(),
                        0,
                        0);
            }
        }

        List<ScanFinding> scanFindings = null;
        if (config.auditEnabled()) {
            announce(Phase.AUDIT);
            scanFindings = scan();
            Optional<IterationResult> blocked = blockedByScan(scanFindings);
            if (blocked.isPresent()) {
                return blocked.get();
            }
            Outputs.Audit audit;
            try {
                audit = auditor.run(task, spec, workspace.files(), renderScan(scanFindings));
            } catch (InvalidOutputException e) {
                return invalid(e);
            }
            if (!audit.blocking().isEmpty()) {
                feedback = "The security audit blocked the code:\n" + findings(audit.blocking());
                return new IterationResult(
                        IterationOutcome.REJECTED_BY_REVIEW,
                        "audit blocked: " + audit.blocking().get(0).message(),
                        0,
                        0);
            }
        }

        announce(Phase.TEST);
        if (needTests) {
            Outputs.TestSuite suite;
            try {
                suite = tester.run(task, spec, plan, workspace.files(), testFeedback);
            } catch (InvalidOutputException e) {
                return invalid(e);
            }
            Optional<IterationResult> rejectedTests = applyEdits(suite.files());
            if (rejectedTests.isPresent()) {
                return rejectedTests.get();
            }
            testFiles = suite.files().stream()
                    .map(edit -> workspace
                            .root()
                            .relativize(workspace.resolve(edit.path()))
                            .toString()
                            .replace('\\', '/'))
                    .distinct()
                    .toList();
            needTests = false;
            testFeedback = "";
        }
        if (scanFindings == null) {
            Optional<IterationResult> blocked = blockedByScan(scan());
            if (blocked.isPresent()) {
                return blocked.get();
            }
        }
        TestReport report = session.runTests(new TestRequest(task.language(), testFiles, config.testTimeout()));
        int passed = (int) report.count(TestStatus.PASSED);
        events.publish(new TestsRun(
                task.id(),
                state.iteration(),
                clock.instant(),
                report.outcome(),
                passed,
                report.count(TestStatus.FAILED),
                report.count(TestStatus.ERRORED),
                report.duration(),
                report.detail()));
        if (report.passed()) {
            linkFixes();
            breaker.onPass();
            return new IterationResult(
                    IterationOutcome.PASSED, passed + "/" + report.total() + " tests passed", passed, report.total());
        }
        announce(Phase.REFLECT);
        String signature = reflect(report);
        return new IterationResult(
                IterationOutcome.TESTS_FAILED,
                passed + "/" + report.total() + " tests passed; " + signature,
                passed,
                report.total());
    }

    // ---- INIT ----------------------------------------------------------------------------------------------------

    private Outputs.Spec reprompt() {
        try {
            return reprompter.run(task);
        } catch (InvalidOutputException e) {
            warn("reprompter", e.getMessage() + " The task text is used as the goal.");
            return Outputs.Spec.ofGoal(task.text());
        }
    }

    /** Open questions go to the person when there is one; otherwise the assumptions are recorded and shown. */
    private Outputs.Spec clarify(Outputs.Spec raw) {
        if (raw.openQuestions().isEmpty()) {
            return raw;
        }
        List<String> answered = new ArrayList<>();
        List<String> assumed = new ArrayList<>();
        for (Outputs.OpenQuestion q : raw.openQuestions()) {
            Optional<String> answer = Optional.empty();
            if (person.isPresent()) {
                try {
                    answer = person.get().ask(q.question(), q.suggestions()).filter(a -> !a.isBlank());
                } catch (RuntimeException e) {
                    LOG.warn("The clarification handler failed; assuming instead: {}", e.toString());
                }
            }
            if (answer.isPresent()) {
                answered.add(q.question() + " -> " + answer.get());
            } else {
                String assumption = q.assumption().isBlank() ? "the simplest reading of the task" : q.assumption();
                assumed.add(q.question() + " -> " + assumption);
            }
        }
        if (!assumed.isEmpty()) {
            warn("reprompter", "Open questions were not answered; assumed: " + String.join("; ", assumed));
        }
        return raw.withResolutions(answered, assumed);
    }

    private String patterns() {
        List<PatternMatch> matches = memory.findPatterns(task.text(), 3);
        return matches.stream()
                .map(m -> String.format(
                        Locale.ROOT,
                        "- (similarity %.2f, solved in %d iteration(s)) %s",
                        m.similarity(),
                        m.pattern().iterations(),
                        m.pattern().approach().replace("\n", " ")))
                .collect(Collectors.joining("\n"));
    }

    // ---- CODE, REVIEW, AUDIT, TEST ---------------------------------------------------------------------------------

    private Optional<IterationResult> applyEdits(List<Edit> edits) {
        List<Workspace.AppliedEdit> applied;
        try {
            applied = workspace.apply(edits);
        } catch (EditRejectedException e) {
            feedback = "Your last edits were not applied: " + e.getMessage();
            IterationOutcome outcome = e.isEscape() ? IterationOutcome.BLOCKED : IterationOutcome.INVALID_MODEL_OUTPUT;
            if (e.isEscape()) {
                warn("workspace", e.getMessage());
            }
            return Optional.of(new IterationResult(outcome, e.getMessage(), 0, 0));
        }
        for (Workspace.AppliedEdit edit : applied) {
            session.writeFile(edit.path(), workspace.read(edit.path()));
        }
        iterationEdits.addAll(applied);
        return Optional.empty();
    }

    private List<ScanFinding> scan() {
        return session.scan(workspace.files().keySet());
    }

    private Optional<IterationResult> blockedByScan(List<ScanFinding> found) {
        List<ScanFinding> blocking =
                found.stream().filter(ScanFinding::blocking).toList();
        if (blocking.isEmpty()) {
            return Optional.empty();
        }
        feedback = "The static scan blocked the code before it ran; remove these:\n" + renderScan(blocking);
        ScanFinding first = blocking.get(0);
        return Optional.of(new IterationResult(
                IterationOutcome.BLOCKED, "blocked by " + first.rule() + " in " + first.file(), 0, 0));
    }

    private static String renderScan(List<ScanFinding> found) {
        return found.stream()
                .map(f -> "- [" + f.severity().name().toLowerCase(Locale.ROOT) + "] " + f.rule() + " " + f.file()
                        + (f.line() > 0 ? ":" + f.line() : "") + ": " + f.message())
                .collect(Collectors.joining("\n"));
    }

    private static String findings(List<Outputs.Finding> list) {
        return list.stream().map(f -> "- " + f.render()).collect(Collectors.joining("\n"));
    }

    private IterationResult invalid(InvalidOutputException e) {
        feedback = "Your last answer could not be used: " + e.getMessage() + " Answer with the JSON object asked for.";
        return new IterationResult(IterationOutcome.INVALID_MODEL_OUTPUT, e.getMessage(), 0, 0);
    }

    // ---- REFLECT ---------------------------------------------------------------------------------------------------

    private String reflect(TestReport report) {
        FailureSignature signature = FailureSignature.of(report);
        FailureRecord failure = new FailureRecord(
                UUID.randomUUID(),
                task.id(),
                state.iteration(),
                signature.value(),
                signature.errorType(),
                signature.message(),
                signature.location(),
                task.language(),
                task.project(),
                spec.goal(),
                ContextBudget.cutMiddle(sources(), EXCERPT_CHARS),
                ContextBudget.cutMiddle(report.combinedOutput(), EXCERPT_CHARS),
                clock.instant());
        if (memory.recordFailure(failure)) {
            events.publish(
                    new FailureStored(task.id(), state.iteration(), clock.instant(), failure.id(), signature.value()));
        }
        pending.add(new PendingFailure(failure.id(), workspace.snapshot()));
        failureLines.add("iteration " + state.iteration() + ": " + signature.value());

        escalationNote = "";
        Escalation escalation = breaker.onFailure(signature.value(), person.isPresent());
        switch (escalation) {
            case TRIP -> throw new StopSignal(breaker.sameFailureTrip());
            case NEW_HYPOTHESIS -> {
                escalate(BreakerEscalated.Step.NEW_HYPOTHESIS, signature);
                escalationNote = prompts.note("new_hypothesis", Map.of("hypothesis", lastHypothesis));
            }
            case REPLAN -> {
                escalate(BreakerEscalated.Step.REPLAN, signature);
                needPlan = true;
                failureHistoryForReplan = String.join("\n", failureLines);
                escalationNote = prompts.note("replan", Map.of());
            }
            case ASK_PERSON -> {
                escalate(BreakerEscalated.Step.ASK_PERSON, signature);
                escalationNote = askPerson(signature);
            }
            case CONTINUE -> {}
        }

        List<FailureMatch> similar = retrieve(failure);
        Outputs.Reflection reflection = null;
        try {
            reflection = reflector.run(
                    task,
                    spec,
                    plan,
                    workspace.files(),
                    renderReport(report),
                    signature.value(),
                    renderSimilar(similar),
                    history,
                    escalationNote,
                    "");
        } catch (InvalidOutputException e) {
            warn("reflector", e.getMessage() + " The coder gets the test report without a diagnosis.");
        }
        StringBuilder next = new StringBuilder();
        next.append("The tests failed: ").append(signature.value()).append('\n');
        next.append(ContextBudget.cutMiddle(renderReport(report), 2_000)).append('\n');
        if (reflection != null) {
            next.append(reflection.render()).append('\n');
            lastHypothesis = reflection.hypothesis().isBlank() ? reflection.diagnosis() : reflection.hypothesis();
            if (reflection.reviseTests()) {
                needTests = true;
                testFeedback = reflection.diagnosis();
            }
        }
        if (!escalationNote.isEmpty()) {
            next.append(escalationNote).append('\n');
        }
        feedback = next.toString().strip();
        return signature.value();
    }

    private void escalate(BreakerEscalated.Step step, FailureSignature signature) {
        LOG.info("Same failure again; escalating: {}", step);
        events.publish(new BreakerEscalated(task.id(), state.iteration(), clock.instant(), step, signature.value()));
    }

    private String askPerson(FailureSignature signature) {
        String question = prompts.note(
                "ask_person",
                Map.of("signature", signature.value(), "times", String.valueOf(breaker.consecutiveFailures())));
        try {
            Optional<String> answer = person.orElseThrow().ask(question, List.of());
            if (answer.isPresent() && !answer.get().isBlank()) {
                return prompts.note("person_hint", Map.of("hint", answer.get()));
            }
        } catch (RuntimeException e) {
            LOG.warn("The clarification handler failed; going on without a hint: {}", e.toString());
        }
        return "";
    }

    private List<FailureMatch> retrieve(FailureRecord failure) {
        if (config.retrievalLimit() == 0) {
            return List.of();
        }
        FailureQuery query = FailureQuery.similarTo(failure)
                .withLimit(config.retrievalLimit())
                .withLanguage(task.language())
                .withMinSimilarity(config.minSimilarity())
                .excludingTask(task.id());
        List<FailureMatch> similar = memory.findSimilar(query);
        if (!similar.isEmpty()) {
            events.publish(new MemoryHit(
                    task.id(),
                    state.iteration(),
                    clock.instant(),
                    similar.stream()
                            .map(m -> new MemoryHit.Hit(
                                    m.failure().id(),
                                    m.failure().taskId(),
                                    m.similarity(),
                                    m.fix().isPresent(),
                                    m.failure().headline()))
                            .toList()));
            memory.recordRetrieval(new RetrievalRecord(
                    task.id(),
                    state.iteration(),
                    similar.stream()
                            .map(m -> new RetrievalRecord.Hit(m.failure().id(), m.similarity()))
                            .toList()));
        }
        return similar;
    }

    private static String renderSimilar(List<FailureMatch> similar) {
        StringBuilder s = new StringBuilder();
        int i = 0;
        for (FailureMatch m : similar) {
            i++;
            s.append(String.format(
                    Locale.ROOT,
                    "%d. (similarity %.2f) %s%n",
                    i,
                    m.similarity(),
                    m.failure().headline()));
            if (!m.failure().failingTest().isEmpty()) {
                s.append("   where: ").append(m.failure().failingTest()).append('\n');
            }
            m.fix()
                    .ifPresentOrElse(
                            fix -> s.append("   fix that resolved it:\n")
                                    .append(ContextBudget.cutMiddle(fix.diff(), 1_500))
                                    .append('\n'),
                            () -> s.append("   (no fix known)\n"));
        }
        return s.toString().strip();
    }

    /** The report for a prompt: failing cases first (they matter most), then the output cut in the middle. */
    private String renderReport(TestReport report) {
        StringBuilder s = new StringBuilder();
        s.append("Outcome: ")
                .append(report.outcome())
                .append(", ")
                .append(report.count(TestStatus.PASSED))
                .append(" passed, ")
                .append(report.count(TestStatus.FAILED))
                .append(" failed, ")
                .append(report.count(TestStatus.ERRORED))
                .append(" errored");
        if (!report.detail().isEmpty()) {
            s.append(" (").append(report.detail()).append(')');
        }
        s.append('\n');
        int shown = 0;
        for (TestCaseResult c : report.failures()) {
            if (shown++ == 10) {
                s.append("(").append(report.failures().size() - 10).append(" more failing tests)\n");
                break;
            }
            s.append("FAILED ")
                    .append(c.suite().isEmpty() ? "" : c.suite() + "::")
                    .append(c.name())
                    .append(": ")
                    .append(ContextBudget.cutMiddle(c.message(), 500))
                    .append('\n');
            if (!c.trace().isEmpty()) {
                s.append(ContextBudget.cutMiddle(c.trace(), 1_000)).append('\n');
            }
        }
        s.append("Output:\n")
                .append(ContextBudget.cutMiddle(
                        report.combinedOutput(), config.hygiene().maxTestOutputChars()));
        return s.toString();
    }

    private String sources() {
        return workspace.files().entrySet().stream()
                .filter(e -> !testFiles.contains(e.getKey()))
                .map(e -> "# " + e.getKey() + "\n" + e.getValue())
                .collect(Collectors.joining("\n"));
    }

    private void linkFixes() {
        for (PendingFailure failure : pending) {
            String diff = workspace.diffSince(failure.snapshot());
            FixRecord fix = new FixRecord(failure.id(), task.id(), state.iteration(), diff, true, clock.instant());
            if (memory.recordFix(fix)) {
                events.publish(new FixLinked(
                        task.id(), state.iteration(), clock.instant(), failure.id(), UnifiedDiff.changedLines(diff)));
            }
        }
        pending.clear();
    }

    // ---- bookkeeping ---------------------------------------------------------------------------------------------

    /**
     * Moves to a phase (checked against the table), publishes it, and in manual mode asks first.
     *
     * @throws StopSignal when the run was cancelled or the phase was not approved
     */
    private void announce(Phase phase) {
        Optional<Trip> trip = breaker.checkRunning();
        if (trip.isPresent()) {
            throw new StopSignal(trip.get());
        }
        if (config.phaseApproval() && phase != Phase.INIT) {
            ApprovalRequest request = new ApprovalRequest(
                    task.id(), ApprovalKind.PHASE, phase.name(), "manual mode asks before every phase");
            ApprovalDecision decision;
            try {
                decision = approvals.decide(request);
            } catch (RuntimeException e) {
                decision = ApprovalDecision.deny("default", "the approval handler failed: " + e.getMessage());
            }
            memory.recordApproval(new ApprovalRecord(request, decision, state.iteration(), clock.instant()));
            events.publish(new ApprovalDecided(task.id(), state.iteration(), clock.instant(), request, decision));
            if (!decision.approved()) {
                throw new StopSignal(new Trip(StopReason.CANCELLED, "entering " + phase + " was not approved"));
            }
        }
        state.moveTo(phase);
        MDC.put("phase", phase.name());
        events.publish(new PhaseEntered(task.id(), state.iteration(), clock.instant(), phase));
    }

    private String budgetNote(int iteration) {
        List<String> notes = new ArrayList<>();
        int triesLeft = breaker.triesLeft(iteration);
        if (breaker.inWarningZone(iteration)) {
            String detail = "iteration " + iteration + " of " + config.maxIterations() + ": " + triesLeft
                    + " tries left, counting this one";
            events.publish(new BreakerWarning(task.id(), iteration, clock.instant(), triesLeft, detail));
            notes.add(prompts.note("budget_warning", Map.of("tries_left", String.valueOf(triesLeft))));
        }
        for (String warning : breaker.budgetWarnings()) {
            events.publish(new BreakerWarning(task.id(), iteration, clock.instant(), triesLeft, warning));
            notes.add(prompts.note("budget_used", Map.of("used", warning)));
        }
        return String.join("\n", notes);
    }

    private void finish(Instant iterationStart, IterationResult result) {
        String diff = iterationEdits.stream().map(Workspace.AppliedEdit::diff).collect(Collectors.joining());
        String summary = oneLine(result.summary());
        history.add("#" + state.iteration() + " " + result.outcome() + ": " + summary);
        Instant now = clock.instant();
        memory.recordIteration(new IterationRecord(
                task.id(),
                state.iteration(),
                result.outcome(),
                state.durations(),
                state.tokens(),
                result.passed(),
                result.total(),
                diff,
                summary,
                iterationStart,
                now));
        events.publish(new IterationFinished(
                task.id(),
                state.iteration(),
                now,
                result.outcome(),
                breaker.tokens(),
                Duration.between(start, now),
                summary));
        LOG.info("Iteration {} ended {}: {}", state.iteration(), result.outcome(), summary);
    }

    private static String oneLine(String text) {
        String line = text == null ? "" : text.strip().replace('\n', ' ');
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }

    private void warn(String source, String message) {
        LOG.warn("{}: {}", source, message);
        events.publish(new AgentWarning(task.id(), state.iteration(), clock.instant(), source, message));
    }
}
