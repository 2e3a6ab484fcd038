package dev.agentloop.server.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentloop.core.Language;
import dev.agentloop.core.ProjectType;
import dev.agentloop.server.ServerConfig;
import dev.agentloop.server.TaskMode;
import dev.agentloop.server.TaskSubmission;
import org.junit.jupiter.api.Test;

class SubmissionCodecTest {

    private final SubmissionCodec codec = new SubmissionCodec(ServerConfig.builder()
            .defaultLanguage(Language.JAVASCRIPT)
            .defaultMode(TaskMode.AUTONOMOUS)
            .build());

    @Test
    void absentFieldsTakeTheServersDefaults() {
        TaskSubmission s = codec.read("{\"task\": \"Write chunk(list, n)\"}");
        assertThat(s.language()).isEqualTo(Language.JAVASCRIPT);
        assertThat(s.projectType()).isEqualTo(ProjectType.LIBRARY);
        assertThat(s.mode()).isEqualTo(TaskMode.AUTONOMOUS);
        assertThat(s.maxIterations()).isEmpty();
        assertThat(s.maxCost()).isEmpty();
        assertThat(s.enableReview()).isEmpty();
    }

    @Test
    void writesAFormThatReadsBackToTheSameSubmission() {
        TaskSubmission s = codec.read("{\"task\": \"Write add\", \"language\": \"python\", \"project_type\":"
                + " \"cli_tool\", \"project\": \"p\", \"repo\": \"https://git.example/x.git\", \"base\": \"v1.2\","
                + " \"enable_review\": true, \"enable_audit\": false, \"max_iterations\": 4, \"max_cost\": 0.25,"
                + " \"mode\": \"manual\","
                + " \"constraints\": [\"stdlib only\"], \"acceptance_criteria\": [\"add(1, 2) == 3\"]}");
        assertThat(codec.read(codec.write(s))).isEqualTo(s);
        assertThat(s.maxCost()).contains(0.25);
        assertThat(s.fullText())
                .isEqualTo("Write add\n\nConstraints:\n- stdlib only\n\nAcceptance criteria:\n- add(1, 2) == 3");
    }

    @Test
    void namesTheFieldOfEachBadValue() {
        assertField("{\"task\": \"x\", \"language\": \"cobol\"}", "language", "cobol");
        assertField("{\"task\": \"x\", \"max_iterations\": 101}", "max_iterations", "1 to 100");
        assertField("{\"task\": \"x\", \"max_iterations\": 99999999999}", "max_iterations", "whole number");
        assertField("{\"task\": \"x\", \"max_cost\": 0}", "max_cost", "above 0");
        assertField("{\"task\": \"x\", \"max_cost\": -1.5}", "max_cost", "above 0");
        assertField("{\"task\": \"x\", \"max_cost\": \"1\"}", "max_cost", "must be a number");
        assertField("{\"task\": \"x\", \"acceptance_criteria\": \"all\"}", "acceptance_criteria", "array");
        assertField("{\"task\": \"x\", \"base\": \"v1\"}", "base", "needs 'repo'");
        assertField("{\"task\": \"x\", \"repo\": \"r\", \"base\": \"a b\"}", "base", "branch, tag or commit");
        assertField("{\"task\": \"x\", \"extra\": 1}", "extra", "Unknown field");
        assertField("{\"task\": \"x\", \"task\": \"y\"}", "body", "Duplicate field");
        assertField("{\"task\": \"" + "z".repeat(SubmissionCodec.MAX_TASK_CHARS + 1) + "\"}", "task", "at most");
        assertField("nonsense", "body", "not valid JSON");
    }

    private void assertField(String json, String field, String messagePart) {
        assertThatThrownBy(() -> codec.read(json))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.field()).isEqualTo(field))
                .hasMessageContaining(messagePart);
    }
}
