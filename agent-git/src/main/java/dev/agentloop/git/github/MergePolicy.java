package dev.agentloop.git.github;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The local merge policy: the tests must pass, no secret may be in the diff, a dependency change needs a {@link
 * Approval#DEPENDENCY} approval and a schema change a {@link Approval#SCHEMA} approver; then the mode decides —
 * manual never merges, supervised merges with a {@link Approval#MERGE} approval, autonomous merges only low-risk
 * changes.
 */
public final class MergePolicy {

    // what a credential looks like in added lines: key blocks, cloud and forge tokens, assigned passwords/secrets
    private static final List<Pattern> SECRETS = List.of(
            Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----"),
            Pattern.compile("\\bAKIA[0-9A-Z]{16}\\b"),
            Pattern.compile("\\bgh[pousr]_[A-Za-z0-9]{30,}\\b"),
            Pattern.compile("\\bsk-[A-Za-z0-9_-]{20,}\\b"),
            Pattern.compile("\\bxox[abpr]-[A-Za-z0-9-]{10,}\\b"),
            Pattern.compile(
                    "(?i)\\b(?:password|passwd|secret|api[_-]?key|token)\\b\\s*[:=]\\s*['\"][^'\"\\s]{8,}['\"]"));

    /**
     * Decides from the parts of a {@link MergeInput}.
     *
     * @param mode who merges
     * @param testsPassed the run ended solved (its tests pass)
     * @param patch the change's git patch
     * @param risk the change's risk
     * @param approvals what a person approved
     * @return merge or leave open, with every check's outcome
     */
    public PolicyDecision decide(
            MergeMode mode, boolean testsPassed, String patch, RiskAssessment risk, Set<Approval> approvals) {
        return decide(new MergeInput(
                new RepoName("local", "change"),
                1,
                0,
                mode,
                testsPassed,
                risk,
                secretsIn(patch),
                approvals,
                List.of()));
    }

    /**
     * Decides: every check's outcome and the mode's rule, in order, and the verdict.
     *
     * @param input the decision's input
     * @return the verdict with every check's outcome
     */
    public PolicyDecision decide(MergeInput input) {
        List<String> reasons = new ArrayList<>();
        boolean pass = true;
        if (input.testsPassed()) {
            reasons.add("tests pass");
        } else {
            reasons.add("tests do not pass");
            pass = false;
        }
        if (input.secrets().isEmpty()) {
            reasons.add("no secret in the diff");
        } else {
            reasons.add("a secret-like value in the diff (" + String.join(", ", input.secrets()) + ")");
            pass = false;
        }
        RiskAssessment risk = input.risk();
        Set<Approval> approvals = input.approvals();
        if (risk.newDependency()) {
            boolean ok = approvals.contains(Approval.DEPENDENCY);
            reasons.add(ok ? "dependency change approved" : "a dependency change without approval");
            pass &= ok;
        }
        if (risk.schemaChange()) {
            boolean ok = approvals.contains(Approval.SCHEMA);
            reasons.add(ok ? "schema change approved" : "a schema change needs an approver");
            pass &= ok;
        }
        reasons.add("risk " + risk.tier().id());
        switch (input.mode()) {
            case MANUAL -> {
                reasons.add("manual mode: a person merges");
                return new PolicyDecision(MergeVerdict.LEAVE_OPEN, reasons);
            }
            case SUPERVISED -> {
                boolean approved = approvals.contains(Approval.MERGE);
                reasons.add(approved ? "supervised mode: merge approved" : "supervised mode: waiting for approval");
                return new PolicyDecision(pass && approved ? MergeVerdict.MERGE : MergeVerdict.LEAVE_OPEN, reasons);
            }
            default -> {
                boolean low = risk.tier() == RiskTier.LOW;
                reasons.add(low ? "autonomous mode: low risk merges" : "autonomous mode: only low risk merges");
                return new PolicyDecision(pass && low ? MergeVerdict.MERGE : MergeVerdict.LEAVE_OPEN, reasons);
            }
        }
    }

    /**
     * The approvals a person could still give that would let the change merge: in supervised mode the merge itself
     * and, for a dependency or schema change, that too; none in manual mode (a person merges) or autonomous mode
     * (only low-risk changes merge, and those need no approval).
     *
     * @param input the decision's input
     * @return the approvals still missing; empty outside supervised mode
     */
    public Set<Approval> missingApprovals(MergeInput input) {
        if (input.mode() != MergeMode.SUPERVISED) {
            return Set.of();
        }
        Set<Approval> needed = EnumSet.of(Approval.MERGE);
        if (input.risk().newDependency()) {
            needed.add(Approval.DEPENDENCY);
        }
        if (input.risk().schemaChange()) {
            needed.add(Approval.SCHEMA);
        }
        needed.removeAll(input.approvals());
        return needed;
    }

    /** The kinds of secret found in the patch's added lines (never the values). */
    static List<String> secretsIn(String patch) {
        List<String> kinds = new ArrayList<>();
        for (String line : patch.split("\n")) {
            if (!line.startsWith("+") || line.startsWith("+++")) {
                continue;
            }
            for (Pattern p : SECRETS) {
                if (p.matcher(line).find()) {
                    String kind = kindOf(p);
                    if (!kinds.contains(kind)) {
                        kinds.add(kind);
                    }
                }
            }
        }
        return kinds;
    }

    private static String kindOf(Pattern p) {
        int i = SECRETS.indexOf(p);
        return switch (i) {
            case 0 -> "private key";
            case 1 -> "AWS access key";
            case 2 -> "GitHub token";
            case 3 -> "API key";
            case 4 -> "Slack token";
            default -> "assigned password or secret";
        };
    }
}
