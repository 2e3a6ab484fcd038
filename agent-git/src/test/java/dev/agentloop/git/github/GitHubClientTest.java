package dev.agentloop.git.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentloop.git.testing.FakeGitHub;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GitHubClientTest {

    FakeGitHub github;
    final List<String> reports = new ArrayList<>();
    GitHubClient client;
    final GitHubToken token = GitHubToken.fromEnvironment(Map.of("GITHUB_TOKEN", "ghp_testtoken0123456789"));

    @BeforeEach
    void start() throws Exception {
        github = new FakeGitHub("octo", "textkit", "/srv/git/textkit.git");
        client = GitHubClient.connect(github.endpoint(), token, Duration.ofMillis(10), 3, reports::add);
    }

    @AfterEach
    void stop() {
        github.close();
    }

    @Test
    void readsTheRepositoryAndTheIssueWithLabelsAndComments() {
        FakeGitHub.Issue i = github.addIssue(7, "count_words is off by one", "It returns 2 for 'a b c'.", "bug");
        i.comments.add(new String[] {"alice", "Also for the empty string."});

        GitHubRepository repo = client.repository(RepoName.parse("octo/textkit"));
        GitHubIssue issue = client.issue(IssueRef.parse("octo/textkit#7"));

        assertThat(repo.cloneUrl()).isEqualTo("/srv/git/textkit.git");
        assertThat(repo.defaultBranch()).isEqualTo("main");
        assertThat(issue.title()).isEqualTo("count_words is off by one");
        assertThat(issue.labels()).containsExactly("bug");
        assertThat(issue.comments()).containsExactly("alice: Also for the empty string.");
        assertThat(issue.taskText())
                .isEqualTo("count_words is off by one\n\nIt returns 2 for 'a b c'.\n\nComments on the issue:\n"
                        + "- alice: Also for the empty string.");
        assertThat(github.authorizations).allMatch(a -> a.endsWith("ghp_testtoken0123456789"));
    }

    @Test
    void opensCommentsAssignsAndMerges() {
        github.addIssue(7, "t", "b");
        IssueRef ref = IssueRef.parse("octo/textkit#7");

        PullRequest pr = client.openPullRequest(ref.repo(), "Fix", "agentloop/issue-7-t", "main", "Fixes #7");
        client.comment(ref, "Pull request: " + pr.url());
        client.assign(ref, client.login());
        client.merge(ref.repo(), pr.number(), "merge");

        FakeGitHub.Pull stored = github.pulls.get(pr.number());
        assertThat(stored.head).isEqualTo("agentloop/issue-7-t");
        assertThat(stored.body).isEqualTo("Fixes #7");
        assertThat(stored.merged).isTrue();
        assertThat(github.issues.get(7).comments.get(0)[1]).isEqualTo("Pull request: " + pr.url());
        assertThat(github.issues.get(7).assignees).containsExactly("agentbot");
    }

    @Test
    void aRateLimitRefusalIsRetriedWithBackoffAndReported() {
        github.addIssue(7, "t", "b");
        github.rateLimitNext(2);

        GitHubIssue issue = client.issue(IssueRef.parse("octo/textkit#7"));

        assertThat(issue.title()).isEqualTo("t");
        assertThat(reports).hasSize(2);
        assertThat(reports.get(0)).contains("HTTP 403").contains("retry 1/3 in 10 ms");
        assertThat(reports.get(1)).contains("retry 2/3 in 20 ms");
    }

    @Test
    void aRateLimitThatLastsFailsWithASentence() {
        github.addIssue(7, "t", "b");
        github.rateLimitNext(100);

        assertThatThrownBy(() -> client.issue(IssueRef.parse("octo/textkit#7")))
                .isInstanceOf(GitHubException.class)
                .hasMessageContaining("rate limit");
        assertThat(reports).last().asString().contains("giving up");
    }

    @Test
    void anUnknownIssueIsA404Sentence() {
        assertThatThrownBy(() -> client.issue(IssueRef.parse("octo/textkit#99")))
                .isInstanceOf(GitHubException.class)
                .hasMessageContaining("octo/textkit#99")
                .hasMessageContaining("404");
    }

    @Test
    void anUnreachableEndpointIsSaidSoNamingTheSetting() throws Exception {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        String endpoint = "http://127.0.0.1:" + closedPort;

        assertThatThrownBy(() -> GitHubClient.connect(endpoint, token, Duration.ofMillis(10), 3, reports::add)
                        .issue(IssueRef.parse("octo/textkit#7")))
                .isInstanceOf(GitHubException.class)
                .hasMessageContaining("GitHub's API at " + endpoint + " cannot be reached")
                .hasMessageContaining("check github.api-url and the network")
                .hasMessageNotContaining("ghp_")
                .extracting(e -> ((GitHubException) e).failure())
                .isEqualTo(GitHubFailure.UNREACHABLE);
    }

    @Test
    void aMissingTokenIsRefusedAndTheTokenIsNeverPrinted() {
        assertThatThrownBy(() -> GitHubToken.fromEnvironment(Map.of()))
                .isInstanceOf(GitHubException.class)
                .hasMessageContaining("GITHUB_TOKEN");
        assertThat(token.toString()).doesNotContain("ghp_");
    }

    @Test
    void parsesIssueReferencesAndAllowLists() {
        assertThat(IssueRef.parse("https://github.com/octo/textkit/issues/12"))
                .isEqualTo(new IssueRef(new RepoName("octo", "textkit"), 12));
        assertThatThrownBy(() -> IssueRef.parse("octo/textkit")).hasMessageContaining("OWNER/REPO#N");
        RepoName name = RepoName.parse("octo/textkit");
        assertThat(name.matchesAny(List.of("octo/*"))).isTrue();
        assertThat(name.matchesAny(List.of("other/*", "octo/text"))).isFalse();
        assertThat(BranchNames.forIssue(7, "count_words() is off by one!"))
                .isEqualTo("agentloop/issue-7-count-words-is-off-by-one");
    }
}
