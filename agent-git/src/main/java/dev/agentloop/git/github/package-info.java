/**
 * From a GitHub issue to a pull request: the REST client ({@link dev.agentloop.git.github.GitHubClient} over
 * {@code org.kohsuke:github-api}, pointed at github.com or an Enterprise endpoint), the branch push, the risk tier of a
 * change ({@link dev.agentloop.git.github.RiskAssessor}), the local merge policy ({@link
 * dev.agentloop.git.github.MergePolicy}) and the pull request's description.
 */
package dev.agentloop.git.github;
