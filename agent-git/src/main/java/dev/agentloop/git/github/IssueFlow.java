package dev.agentloop.git.github;

import dev.agentloop.core.AgentResult;
import dev.agentloop.core.StopReason;
import dev.agentloop.core.audit.AuditAction;
import dev.agentloop.core.audit.AuditEntry;
import dev.agentloop.core.audit.AuditResult;
import dev.agentloop.core.audit.AuditTrail;
import dev.agentloop.core.source.Handoff;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * From a GitHub issue to a pull request: checks the allow-list and the daily cost cap, reads the issue, runs the
 * agent on it in repository mode, pushes the branch {@code agentloop/issue-N-<slug>}, opens a pull request whose
 * description reports the run, comments on the issue with the link, lets the merge policy decide (asking a person
 * for approvals in supervised mode, and an external policy when one is configured; in autonomous mode waiting for
 * GitHub's checks of the pull request to pass) and merges when it says so.
 * Every external action and every decision is recorded in the audit trail, with its result. Thread-safe: a watcher
 * handles several issues at once through one flow.
 */
public final class IssueFlow {

    private final GitHubClient github;
    private final IssueRunner runner;
    private final AuditTrail audit;
    private final IssueSettings settings;
    private final GitHubToken token;
    private final BranchPusher pusher;
    private final MergeApprover approver;
    private final ExternalPolicy externalPolicy;
    private final Clock clock;
    private final Consumer<String> say;
    private final DailyCostCap cap;
    private final RiskAssessor assessor;
    private final ChecksSettings checks;
    private final ChecksWait checksWait;
    private final MergePolicy policy = new MergePolicy();
    private final AtomicReference<String> login = new AtomicReference<>();

    private IssueFlow(Builder b) {
        this.github = Objects.requireNonNull(b.github, "github");
        this.runner = Objects.requireNonNull(b.runner, "runner");
        this.audit = Objects.requireNonNull(b.audit, "audit");
        this.settings = b.settings;
        this.token = Objects.requireNonNull(b.token, "token");
        this.pusher = b.pusher;
        this.approver = b.approver;
        this.externalPolicy = b.externalPolicy;
        this.clock = b.clock;
        this.say = b.say;
        this.cap = new DailyCostCap(audit, settings.dailyCostCap(), clock);
        this.assessor = new RiskAssessor(settings.riskRules());
        this.checks = b.checks;
        this.checksWait = new ChecksWait(github, checks.timeout(), checks.poll(), checks.required(), clock, b.sleeper);
    }

    /** {@return a builder; the client, runner, audit trail and token are required} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the daily cost cap this flow honours} */
    public DailyCostCap cap() {
        return cap;
    }

    /** {@return the settings} */
    public IssueSettings settings() {
        return settings;
    }

    /**
     * Refuses a repository outside {@code github.allowed-repos}, recording the refusal.
     *
     * @param repo the repository
     * @param target what the refusal is recorded against, e.g. {@code issue 7} or {@code watch}
     * @throws GitHubException ({@link GitHubFailure#NOT_ALLOWED}) naming the repository and the setting
     */
    public void requireAllowed(RepoName repo, String target) {
        new RepositoryAllowList(settings.allowedRepos())
                .require(
                        repo,
                        target,
                        audit,
                        clock,
                        Optional.ofNullable(login.get()).orElse(""));
    }

    /**
     * Handles one issue from start to end ({@code agent issue}).
     *
     * @param ref the issue
     * @return where it ended, with the run's result, the pull request, the risk and the decision
     * @throws GitHubException when the repository is not allowed, the issue cannot be read, or GitHub refuses a
     *     step before the pull request exists
     */
    public IssueOutcome handle(IssueRef ref) {
        requireAllowed(ref.repo(), target(ref));
        if (cap.reached()) {
            say.accept("The daily cost cap is reached (" + money(cap.spentToday()) + " of " + money(cap.cap())
                    + " spent today, UTC): " + ref + " is not run; it can run tomorrow or with a higher"
                    + " github.daily-cost-cap.");
            return IssueOutcome.withoutPullRequest(ref, IssueStatus.CAPPED, Optional.empty());
        }
        return work(read(ref));
    }

    /**
     * Claims an issue for this agent so that no other run takes it, across restarts and processes: the claim is
     * taken in the audit trail first ({@link AuditTrail#recordFirst}), then the issue is assigned to the token's
     * user and commented on. When GitHub refuses those, the claim is released (recorded as failed).
     *
     * @param issue the issue, as read
     * @return true when this call claimed it; false when it was claimed before or GitHub refused
     */
    public boolean claim(GitHubIssue issue) {
        IssueRef ref = issue.ref();
        String who = login();
        AuditEntry claim = new AuditEntry(
                clock.instant(),
                who,
                AuditAction.CLAIM,
                ref.repo().toString(),
                target(ref),
                AuditResult.OK,
                "claimed by " + who + ": assigned and commented on",
                0);
        if (!audit.recordFirst(claim)) {
            return false;
        }
        try {
            github.assign(ref, who);
            github.comment(
                    ref,
                    "agentloop is working on this issue (claimed by @" + who
                            + "); a pull request will be linked here when it is ready.");
            say.accept("claimed " + ref + ": " + issue.title());
            return true;
        } catch (GitHubException e) {
            record(AuditAction.CLAIM, ref.repo(), target(ref), AuditResult.FAILED, e.getMessage(), 0);
            say.accept("could not claim " + ref + ": " + e.getMessage());
            return false;
        }
    }

    /**
     * Reads the issue with its comments, recording the read.
     *
     * @param ref the issue
     * @return the issue with its comments
     */
    public GitHubIssue read(IssueRef ref) {
        try {
            GitHubIssue issue = github.issue(ref);
            record(AuditAction.ISSUE_READ, ref.repo(), target(ref), AuditResult.OK, issue.title(), 0);
            say.accept("issue " + ref + ": " + issue.title()
                    + (issue.labels().isEmpty() ? "" : " [" + String.join(", ", issue.labels()) + "]"));
            return issue;
        } catch (GitHubException e) {
            record(AuditAction.ISSUE_READ, ref.repo(), target(ref), AuditResult.FAILED, e.getMessage(), 0);
            throw e;
        }
    }

    /**
     * Runs the agent on an issue already read and takes the change to a pull request.
     *
     * @param issue the issue, as read
     * @return where it ended, with the run's result, the pull request, the risk and the decision
     * @throws GitHubException when GitHub refuses a step before the pull request exists
     */
    public IssueOutcome work(GitHubIssue issue) {
        IssueRef ref = issue.ref();
        GitHubRepository repo = github.repository(ref.repo());
        say.accept("repository " + repo.name() + " at " + repo.defaultBranch() + " (" + repo.cloneUrl() + ")");
        IssueRunResult run;
        try {
            run = runner.run(new IssueTask(issue, repo, cap.remaining()));
        } catch (RuntimeException e) {
            record(AuditAction.RUN, ref.repo(), target(ref), AuditResult.FAILED, firstLine(e.getMessage()), 0);
            throw e;
        }
        AgentResult result = run.result();
        record(
                AuditAction.RUN,
                ref.repo(),
                target(ref),
                result.isSolved() ? AuditResult.OK : AuditResult.FAILED,
                describe(result, run.facts()) + (run.via().isBlank() ? "" : "; " + run.via()),
                result.cost());
        Optional<Handoff> handoff = result.handoff();
        if (!result.isSolved()) {
            if (result instanceof AgentResult.Stopped s && s.reason() != StopReason.CANCELLED) {
                comment(
                        ref,
                        "agentloop could not solve this issue: the run stopped (" + words(s.reason()) + ") after "
                                + result.iterations() + " iteration(s); no pull request was opened."
                                + (run.facts().failures().isEmpty()
                                        ? ""
                                        : " Last failure: " + lastOf(run.facts().failures())));
            }
            return IssueOutcome.withoutPullRequest(ref, IssueStatus.NOT_SOLVED, Optional.of(result));
        }
        if (handoff.isEmpty()
                || handoff.get().patch().isBlank()
                || handoff.get().branch().isEmpty()
                || run.branchRepository().isEmpty()) {
            comment(
                    ref,
                    "agentloop found nothing to change for this issue: the project's tests pass as they are;"
                            + " no pull request was opened.");
            return IssueOutcome.withoutPullRequest(ref, IssueStatus.NO_CHANGE, Optional.of(result));
        }
        return toPullRequest(
                issue, repo, run, handoff.get(), run.branchRepository().get());
    }

    private IssueOutcome toPullRequest(
            GitHubIssue issue, GitHubRepository repo, IssueRunResult run, Handoff handoff, Path clone) {
        IssueRef ref = issue.ref();
        AgentResult result = run.result();
        RiskAssessment risk = assessor.assess(handoff.patch());
        say.accept("risk: " + risk.tier().id() + " (" + String.join("; ", risk.reasons()) + ")");
        MergeInput input = MergeInput.of(
                repo.name(),
                ref.number(),
                settings.mode(),
                true,
                handoff.patch(),
                risk,
                settings.approvals(),
                handoff.files());
        PolicyDecision decision = decide(input);

        String branch = BranchNames.forIssue(ref.number(), issue.title());
        try {
            pusher.push(clone, handoff.branch().get(), repo.cloneUrl(), branch, token);
            record(AuditAction.PUSH, repo.name(), "branch " + branch, AuditResult.OK, handoff.commit(), 0);
            say.accept("pushed " + branch);
        } catch (GitHubException e) {
            record(AuditAction.PUSH, repo.name(), "branch " + branch, AuditResult.FAILED, e.getMessage(), 0);
            throw e;
        }

        PullRequestReport report = new PullRequestReport(
                ref,
                summary(issue, result, run.facts()),
                run.facts(),
                handoff.files(),
                handoff.diffStat(),
                Math.max(result.tokens(), run.facts().tokens()),
                result.cost(),
                risk,
                decision,
                settings.mode());
        PullRequest pr;
        try {
            pr = github.openPullRequest(
                    repo.name(),
                    issue.title() + " (#" + ref.number() + ")",
                    branch,
                    repo.defaultBranch(),
                    report.body());
            record(AuditAction.PULL_REQUEST, repo.name(), "pull " + pr.number(), AuditResult.OK, pr.url(), 0);
            say.accept("pull request: " + pr.url());
        } catch (GitHubException e) {
            record(AuditAction.PULL_REQUEST, repo.name(), "branch " + branch, AuditResult.FAILED, e.getMessage(), 0);
            throw e;
        }
        input = input.withPullRequest(pr.number());
        comment(
                ref,
                "agentloop opened " + pr.url() + " for this issue (risk "
                        + risk.tier().id() + "; " + settings.mode().id() + " mode: " + verdictWords(decision) + ").");

        Set<Approval> missing = policy.missingApprovals(input);
        if (decision.verdict() == MergeVerdict.LEAVE_OPEN && !missing.isEmpty()) {
            GrantedApprovals granted = approver.ask(ref, pr, risk, missing);
            String note = granted.note().isBlank() ? "" : ": " + firstLine(granted.note());
            if (!granted.approvals().isEmpty()) {
                record(
                        granted.by(),
                        AuditAction.APPROVAL,
                        repo.name(),
                        "pull " + pr.number(),
                        AuditResult.OK,
                        "approved " + names(granted.approvals()) + note);
                Set<Approval> all = EnumSet.noneOf(Approval.class);
                all.addAll(input.approvals());
                all.addAll(granted.approvals());
                input = input.withApprovals(all);
                decision = decide(input);
                comment(
                        new IssueRef(repo.name(), pr.number()),
                        "Approved by " + granted.by() + " (" + names(granted.approvals()) + ")" + note
                                + ". Merge policy: " + verdictWords(decision) + ".\n\n"
                                + bullets(decision.reasons()));
            } else if (granted.isDenial()) {
                record(
                        granted.by(),
                        AuditAction.APPROVAL,
                        repo.name(),
                        "pull " + pr.number(),
                        AuditResult.REFUSED,
                        "denied " + names(missing) + note);
                List<String> reasons = new java.util.ArrayList<>(decision.reasons());
                reasons.add("merge denied by " + granted.by() + note);
                decision = new PolicyDecision(MergeVerdict.LEAVE_OPEN, reasons);
                comment(
                        new IssueRef(repo.name(), pr.number()),
                        "Denied by " + granted.by() + note + ". The pull request is left open for a person.");
            }
        }
        if (decision.verdict() == MergeVerdict.MERGE && settings.mode() == MergeMode.AUTONOMOUS) {
            decision = withChecks(decision, repo.name(), pr);
        }
        boolean merge = decision.verdict() == MergeVerdict.MERGE;
        record(
                AuditAction.POLICY_DECISION,
                repo.name(),
                "pull " + pr.number(),
                merge ? AuditResult.OK : AuditResult.REFUSED,
                settings.mode().id() + ": " + String.join("; ", decision.reasons()),
                0);
        say.accept("merge policy (" + settings.mode().id() + " mode): " + verdictWords(decision));
        decision.reasons().forEach(r -> say.accept("  - " + r));
        if (!merge) {
            return new IssueOutcome(
                    ref,
                    IssueStatus.LEFT_OPEN,
                    Optional.of(result),
                    Optional.of(pr),
                    Optional.of(risk),
                    Optional.of(decision));
        }
        try {
            github.merge(repo.name(), pr.number(), "Merge " + branch + " (#" + ref.number() + ") by agentloop");
            record(AuditAction.MERGE, repo.name(), "pull " + pr.number(), AuditResult.OK, pr.url(), 0);
            say.accept("merged " + pr.url());
            return new IssueOutcome(
                    ref,
                    IssueStatus.MERGED,
                    Optional.of(result),
                    Optional.of(pr),
                    Optional.of(risk),
                    Optional.of(decision));
        } catch (GitHubException e) {
            record(AuditAction.MERGE, repo.name(), "pull " + pr.number(), AuditResult.FAILED, e.getMessage(), 0);
            say.accept("the merge of " + pr.url() + " failed: " + e.getMessage() + " It is left open.");
            return new IssueOutcome(
                    ref,
                    IssueStatus.LEFT_OPEN,
                    Optional.of(result),
                    Optional.of(pr),
                    Optional.of(risk),
                    Optional.of(decision));
        }
    }

    /**
     * GitHub's own checks of the pull request's head commit, before an autonomous merge: passed, it merges; failed,
     * still pending after the wait, none reported (when checks are required) or unreadable, it is left for a person,
     * which the pull request is told.
     */
    private PolicyDecision withChecks(PolicyDecision decision, RepoName repo, PullRequest pr) {
        say.accept("waiting for GitHub's checks of " + pr.url() + " (at most "
                + checks.timeout().toSeconds() + " s)");
        CommitChecks seen;
        try {
            seen = checksWait.await(repo, pr.number());
        } catch (GitHubException e) {
            return leaveOpen(decision, "GitHub's checks could not be read: " + firstLine(e.getMessage()), repo, pr);
        }
        String wait = checks.timeout().toSeconds() + " s";
        return switch (seen.state()) {
            case PASSED -> withReason(decision, MergeVerdict.MERGE, "GitHub's checks pass on " + seen.describe());
            case FAILED -> leaveOpen(decision, "GitHub's checks fail on " + seen.describe(), repo, pr);
            case PENDING ->
                leaveOpen(
                        decision,
                        "GitHub's checks are still pending on " + seen.describe() + " after " + wait,
                        repo,
                        pr);
            case NONE ->
                checks.required()
                        ? leaveOpen(
                                decision,
                                "no GitHub check reported on " + seen.describe() + " within " + wait,
                                repo,
                                pr)
                        : withReason(
                                decision,
                                MergeVerdict.MERGE,
                                "no GitHub check reported on " + seen.describe() + ": the project's tests decide");
        };
    }

    private PolicyDecision leaveOpen(PolicyDecision decision, String reason, RepoName repo, PullRequest pr) {
        comment(
                new IssueRef(repo, pr.number()),
                "Not merged: " + reason + ". The pull request is left open for a person.");
        return withReason(decision, MergeVerdict.LEAVE_OPEN, reason);
    }

    private static PolicyDecision withReason(PolicyDecision decision, MergeVerdict verdict, String reason) {
        List<String> reasons = new java.util.ArrayList<>(decision.reasons());
        reasons.add(reason);
        return new PolicyDecision(verdict, reasons);
    }

    /** The local policy, then the external one on the same document; a merge needs both. */
    private PolicyDecision decide(MergeInput input) {
        PolicyDecision local = policy.decide(input);
        ExternalVerdict external = externalPolicy.ask(input);
        if (external.reasons().isEmpty()) {
            return local;
        }
        List<String> reasons = new java.util.ArrayList<>(local.reasons());
        reasons.addAll(external.reasons());
        boolean merge = local.verdict() == MergeVerdict.MERGE && external.allow();
        return new PolicyDecision(merge ? MergeVerdict.MERGE : MergeVerdict.LEAVE_OPEN, reasons);
    }

    private void comment(IssueRef ref, String text) {
        try {
            String url = github.comment(ref, text);
            record(
                    AuditAction.COMMENT,
                    ref.repo(),
                    target(ref),
                    AuditResult.OK,
                    url.isEmpty() ? firstLine(text) : url,
                    0);
        } catch (GitHubException e) {
            record(AuditAction.COMMENT, ref.repo(), target(ref), AuditResult.FAILED, e.getMessage(), 0);
            say.accept("could not comment on " + ref + ": " + e.getMessage());
        }
    }

    private void record(
            AuditAction action, RepoName repo, String target, AuditResult result, String detail, double cost) {
        audit.record(new AuditEntry(clock.instant(), login(), action, repo.toString(), target, result, detail, cost));
    }

    /** An entry whose actor is a person (who approved or denied), not the token's user. */
    private void record(
            String actor, AuditAction action, RepoName repo, String target, AuditResult result, String detail) {
        audit.record(new AuditEntry(clock.instant(), actor, action, repo.toString(), target, result, detail, 0));
    }

    /** {@return the token's user: who acts, in the audit trail and in claims} */
    public String login() {
        String known = login.get();
        if (known == null) {
            known = github.login();
            login.compareAndSet(null, known);
        }
        return known;
    }

    private static String target(IssueRef ref) {
        return "issue " + ref.number();
    }

    private static String summary(GitHubIssue issue, AgentResult result, RunFacts facts) {
        return "agentloop worked on #" + issue.ref().number() + " (" + issue.title() + ") and solved it in "
                + result.iterations() + " iteration(s): the project's tests "
                + (facts.testsBefore().isBlank() ? "" : "went from " + facts.testsBefore() + " to ")
                + (facts.testsAfter().isBlank() ? "pass" : facts.testsAfter()) + "."
                + (facts.lastIteration().isBlank() ? "" : "\n\nLast iteration: " + facts.lastIteration());
    }

    private static String describe(AgentResult result, RunFacts facts) {
        String how = result.fold(
                solved -> "solved",
                stopped -> "stopped: " + words(stopped.reason()),
                failed -> "failed: " + firstLine(failed.message()));
        return how + " in " + result.iterations() + " iteration(s), "
                + String.format(
                        Locale.ROOT, "%,d tokens, cost %.4f", Math.max(result.tokens(), facts.tokens()), result.cost());
    }

    private static String verdictWords(PolicyDecision decision) {
        return decision.verdict() == MergeVerdict.MERGE ? "merge" : "left open for a person";
    }

    private static String names(Set<Approval> approvals) {
        return String.join(
                ", ",
                approvals.stream()
                        .map(a -> a.name().toLowerCase(Locale.ROOT))
                        .sorted()
                        .toList());
    }

    private static String bullets(List<String> lines) {
        StringBuilder b = new StringBuilder();
        lines.forEach(l -> b.append("- ").append(l).append('\n'));
        return b.toString();
    }

    private static String words(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String lastOf(List<String> lines) {
        return lines.get(lines.size() - 1);
    }

    private static String firstLine(String text) {
        String t = text == null ? "" : text.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }

    private static String money(double amount) {
        return String.format(Locale.ROOT, "%.4f", amount);
    }

    /** Builds an {@link IssueFlow}. */
    public static final class Builder {
        private GitHubClient github;
        private IssueRunner runner;
        private AuditTrail audit;
        private IssueSettings settings = IssueSettings.ofDefaults();
        private GitHubToken token;
        private BranchPusher pusher = BranchPusher.ofDefaults();
        private MergeApprover approver = MergeApprover.nobody();
        private ExternalPolicy externalPolicy = ExternalPolicy.none();
        private Clock clock = Clock.systemUTC();
        private Consumer<String> say = line -> {};
        private ChecksSettings checks = ChecksSettings.ofDefaults();
        private ChecksWait.Sleeper sleeper = d -> Thread.sleep(d.toMillis());

        private Builder() {}

        /**
         * How an autonomous merge waits for GitHub's checks; default {@link ChecksSettings#ofDefaults()}.
         *
         * @param value the checks' settings
         * @return this builder
         */
        public Builder checks(ChecksSettings value) {
            this.checks = Objects.requireNonNull(value, "checks");
            return this;
        }

        /**
         * Sleeps between two looks at pending checks; default {@link Thread#sleep}. Tests pass one that advances
         * their clock.
         *
         * @param value the sleeper
         * @return this builder
         */
        public Builder sleeper(ChecksWait.Sleeper value) {
            this.sleeper = Objects.requireNonNull(value, "sleeper");
            return this;
        }

        /**
         * The GitHub client; required.
         *
         * @param value the github
         * @return this builder
         */
        public Builder github(GitHubClient value) {
            this.github = Objects.requireNonNull(value, "github");
            return this;
        }

        /**
         * Runs the agent; required.
         *
         * @param value the runner
         * @return this builder
         */
        public Builder runner(IssueRunner value) {
            this.runner = Objects.requireNonNull(value, "runner");
            return this;
        }

        /**
         * Where every action is recorded; required.
         *
         * @param value the audit
         * @return this builder
         */
        public Builder audit(AuditTrail value) {
            this.audit = Objects.requireNonNull(value, "audit");
            return this;
        }

        /**
         * Mode, allow-list, risk rules, approvals, cap; default {@link IssueSettings#ofDefaults()}.
         *
         * @param value the settings
         * @return this builder
         */
        public Builder settings(IssueSettings value) {
            this.settings = Objects.requireNonNull(value, "settings");
            return this;
        }

        /**
         * The token git pushes with; required.
         *
         * @param value the token
         * @return this builder
         */
        public Builder token(GitHubToken value) {
            this.token = Objects.requireNonNull(value, "token");
            return this;
        }

        /**
         * Default: {@link BranchPusher#ofDefaults()}.
         *
         * @param value the pusher
         * @return this builder
         */
        public Builder pusher(BranchPusher value) {
            this.pusher = Objects.requireNonNull(value, "pusher");
            return this;
        }

        /**
         * Who is asked in supervised mode; default {@link MergeApprover#nobody()}.
         *
         * @param value the approver
         * @return this builder
         */
        public Builder approver(MergeApprover value) {
            this.approver = Objects.requireNonNull(value, "approver");
            return this;
        }

        /**
         * An OPA endpoint; default {@link ExternalPolicy#none()}.
         *
         * @param value the external policy
         * @return this builder
         */
        public Builder externalPolicy(ExternalPolicy value) {
            this.externalPolicy = Objects.requireNonNull(value, "externalPolicy");
            return this;
        }

        /**
         * The audit trail's times and the cap's day; default the system clock in UTC.
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * Receives one line per step for a person; default nothing.
         *
         * @param value the say
         * @return this builder
         */
        public Builder say(Consumer<String> value) {
            this.say = Objects.requireNonNull(value, "say");
            return this;
        }

        /** {@return the flow} */
        public IssueFlow build() {
            return new IssueFlow(this);
        }
    }
}
