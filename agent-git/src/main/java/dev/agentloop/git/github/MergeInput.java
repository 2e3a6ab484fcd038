package dev.agentloop.git.github;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the merge policy decides on — the same document the local policy reads and an OPA endpoint is asked with
 * ({@link #document()}).
 *
 * @param repository the repository
 * @param issue the issue number
 * @param pullRequest the pull request number; 0 before it is opened
 * @param mode who merges
 * @param testsPassed the run ended solved (the project's tests pass)
 * @param risk the change's risk
 * @param secrets the kinds of secret found in the diff's added lines (never the values)
 * @param approvals what a person approved
 * @param files the changed files
 */
public record MergeInput(
        RepoName repository,
        int issue,
        int pullRequest,
        MergeMode mode,
        boolean testsPassed,
        RiskAssessment risk,
        List<String> secrets,
        Set<Approval> approvals,
        List<String> files) {

    /**
     * Copies the lists and sets.
     *
     * @param repository the repository
     * @param issue the issue number
     * @param pullRequest the pull request number; 0 before it is opened
     * @param mode who merges
     * @param testsPassed the run ended solved (the project's tests pass)
     * @param risk the change's risk
     * @param secrets the kinds of secret found in the diff's added lines (never the values)
     * @param approvals what a person approved
     * @param files the changed files
     */
    public MergeInput {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(risk, "risk");
        secrets = List.copyOf(secrets);
        approvals = Set.copyOf(approvals);
        files = List.copyOf(files);
    }

    /**
     * {@return the input for a change's patch: the secrets are looked for in its added lines}
     *
     * @param repository the repository
     * @param issue the issue number
     * @param mode who merges
     * @param testsPassed the run ended solved
     * @param patch the change's git patch
     * @param risk the change's risk
     * @param approvals what a person approved
     * @param files the changed files
     */
    public static MergeInput of(
            RepoName repository,
            int issue,
            MergeMode mode,
            boolean testsPassed,
            String patch,
            RiskAssessment risk,
            Set<Approval> approvals,
            List<String> files) {
        return new MergeInput(
                repository, issue, 0, mode, testsPassed, risk, MergePolicy.secretsIn(patch), approvals, files);
    }

    /**
     * {@return the same input with other approvals}
     *
     * @param value what a person approved
     */
    public MergeInput withApprovals(Set<Approval> value) {
        return new MergeInput(repository, issue, pullRequest, mode, testsPassed, risk, secrets, value, files);
    }

    /**
     * {@return the same input once the pull request is open}
     *
     * @param number the pull request's number
     */
    public MergeInput withPullRequest(int number) {
        return new MergeInput(repository, issue, number, mode, testsPassed, risk, secrets, approvals, files);
    }

    /**
     * The document as JSON-ready maps and lists (snake_case keys, lower-case values): {@code repository}, {@code
     * issue}, {@code pull_request}, {@code mode}, {@code tests_passed}, {@code risk} ({@code tier}, {@code reasons},
     * {@code dependency_change}, {@code schema_change}), {@code secrets}, {@code approvals}, {@code files}.
     *
     * @return the document
     */
    public Map<String, Object> document() {
        Map<String, Object> riskDoc = new LinkedHashMap<>();
        riskDoc.put("tier", risk.tier().id());
        riskDoc.put("reasons", risk.reasons());
        riskDoc.put("dependency_change", risk.newDependency());
        riskDoc.put("schema_change", risk.schemaChange());
        Set<String> approved = new TreeSet<>();
        approvals.forEach(a -> approved.add(a.name().toLowerCase(java.util.Locale.ROOT)));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("repository", repository.toString());
        doc.put("issue", issue);
        doc.put("pull_request", pullRequest);
        doc.put("mode", mode.id());
        doc.put("tests_passed", testsPassed);
        doc.put("risk", riskDoc);
        doc.put("secrets", secrets);
        doc.put("approvals", List.copyOf(approved));
        doc.put("files", files);
        return doc;
    }
}
