package dev.agentloop.git.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class RiskAndPolicyTest {

    final RiskAssessor assessor = new RiskAssessor(RiskRules.ofDefaults());
    final MergePolicy policy = new MergePolicy();

    static String diff(String path, boolean created, String... lines) {
        StringBuilder b = new StringBuilder("diff --git a/" + path + " b/" + path + "\n");
        if (created) {
            b.append("new file mode 100644\n");
        }
        b.append("--- a/").append(path).append("\n+++ b/").append(path).append("\n@@ -1,3 +1,3 @@\n");
        for (String l : lines) {
            b.append(l).append('\n');
        }
        return b.toString();
    }

    @Test
    void aSmallFixInsideAFunctionIsLow() {
        RiskAssessment r = assessor.assess(
                diff("textkit/words.py", false, " def count_words(text):", "-    return n - 1", "+    return n"));
        assertThat(r.tier()).isEqualTo(RiskTier.LOW);
        assertThat(r.reasons()).containsExactly("a small change (2 lines) inside existing functions");
    }

    @Test
    void testsAndDocsOnlyAreLow() {
        RiskAssessment r = assessor.assess(diff("tests/test_words.py", true, "+def test_x():", "+    assert 1")
                + diff("README.md", false, "-old", "+new"));
        assertThat(r.tier()).isEqualTo(RiskTier.LOW);
        assertThat(r.reasons().get(0)).startsWith("tests or docs only");
    }

    @Test
    void aNewFunctionOrADependencyIsMedium() {
        RiskAssessment feature =
                assessor.assess(diff("textkit/words.py", false, "+def title(text):", "+    return text"));
        assertThat(feature.tier()).isEqualTo(RiskTier.MEDIUM);
        assertThat(feature.reasons()).contains("adds the function title to textkit/words.py");

        RiskAssessment dep = assessor.assess(diff("requirements.txt", false, "+requests==2.32"));
        assertThat(dep.tier()).isEqualTo(RiskTier.MEDIUM);
        assertThat(dep.newDependency()).isTrue();
    }

    @Test
    void aPublicSignatureMigrationOrSecurityPathIsHigh() {
        RiskAssessment sig = assessor.assess(
                diff("textkit/words.py", false, "-def count_words(text):", "+def count_words(text, sep=None):"));
        assertThat(sig.tier()).isEqualTo(RiskTier.HIGH);
        assertThat(sig.reasons()).contains("changes the public signature of count_words in textkit/words.py");

        RiskAssessment private_ =
                assessor.assess(diff("textkit/words.py", false, "-def _split(text):", "+def _split(text, sep):"));
        assertThat(private_.tier()).isEqualTo(RiskTier.LOW);

        RiskAssessment migration = assessor.assess(diff("db/migrations/0002_add.sql", true, "+ALTER TABLE t;"));
        assertThat(migration.tier()).isEqualTo(RiskTier.HIGH);
        assertThat(migration.schemaChange()).isTrue();

        RiskAssessment auth = assessor.assess(diff("app/auth/login.py", false, "-    x = 1", "+    x = 2"));
        assertThat(auth.tier()).isEqualTo(RiskTier.HIGH);
        assertThat(auth.reasons()).containsExactly("changes the security-sensitive path app/auth/login.py");
    }

    @Test
    void theModeDecidesAfterTheChecks() {
        String patch = diff("textkit/words.py", false, "-    return n - 1", "+    return n");
        RiskAssessment low = assessor.assess(patch);

        assertThat(policy.decide(MergeMode.MANUAL, true, patch, low, Set.of()).verdict())
                .isEqualTo(MergeVerdict.LEAVE_OPEN);
        assertThat(policy.decide(MergeMode.SUPERVISED, true, patch, low, Set.of())
                        .verdict())
                .isEqualTo(MergeVerdict.LEAVE_OPEN);
        assertThat(policy.decide(MergeMode.SUPERVISED, true, patch, low, Set.of(Approval.MERGE))
                        .verdict())
                .isEqualTo(MergeVerdict.MERGE);
        PolicyDecision auto = policy.decide(MergeMode.AUTONOMOUS, true, patch, low, Set.of());
        assertThat(auto.verdict()).isEqualTo(MergeVerdict.MERGE);
        assertThat(auto.reasons())
                .containsExactly("tests pass", "no secret in the diff", "risk low", "autonomous mode: low risk merges");
        assertThat(policy.decide(MergeMode.AUTONOMOUS, false, patch, low, Set.of())
                        .verdict())
                .isEqualTo(MergeVerdict.LEAVE_OPEN);
    }

    @Test
    void aSecretAnUnapprovedDependencyOrMediumRiskBlocksAnAutonomousMerge() {
        String secret = diff("textkit/conf.py", false, "-    x = 1", "+    api_key = \"abcdefgh12345678\"");
        PolicyDecision d = policy.decide(MergeMode.AUTONOMOUS, true, secret, assessor.assess(secret), Set.of());
        assertThat(d.verdict()).isEqualTo(MergeVerdict.LEAVE_OPEN);
        assertThat(d.reasons()).contains("a secret-like value in the diff (assigned password or secret)");
        assertThat(String.join(" ", d.reasons())).doesNotContain("abcdefgh12345678");

        String dep = diff("requirements.txt", false, "+requests==2.32");
        PolicyDecision unapproved =
                policy.decide(MergeMode.SUPERVISED, true, dep, assessor.assess(dep), Set.of(Approval.MERGE));
        assertThat(unapproved.verdict()).isEqualTo(MergeVerdict.LEAVE_OPEN);
        assertThat(unapproved.reasons()).contains("a dependency change without approval");
        assertThat(policy.decide(
                                MergeMode.SUPERVISED,
                                true,
                                dep,
                                assessor.assess(dep),
                                Set.of(Approval.MERGE, Approval.DEPENDENCY))
                        .verdict())
                .isEqualTo(MergeVerdict.MERGE);
        assertThat(policy.decide(MergeMode.AUTONOMOUS, true, dep, assessor.assess(dep), Set.of(Approval.DEPENDENCY))
                        .verdict())
                .isEqualTo(MergeVerdict.LEAVE_OPEN);
    }
}
