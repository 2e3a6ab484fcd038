package dev.agentloop.git.github;

/**
 * A repository as GitHub describes it.
 *
 * @param name owner and name
 * @param cloneUrl the URL git clones and pushes
 * @param defaultBranch the branch pull requests go to
 */
public record GitHubRepository(RepoName name, String cloneUrl, String defaultBranch) {}
