package dev.agentloop.git.github;

/**
 * An opened pull request.
 *
 * @param number its number
 * @param url its web address
 */
public record PullRequest(int number, String url) {}
