package dev.agentloop.core.internal.role;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentloop.core.testing.Fuzz;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The roles' JSON answers as a model could write them: only OutputFormatException, no hang. */
class OutputsFuzzTest {

    @Test
    void everyRoleParserAcceptsOrRejectsWithOutputFormatException() {
        List<String> samples = List.of(
                "{\"goal\": \"add\", \"inputs\": [\"a\"], \"outputs\": [\"sum\"], \"constraints\": [],"
                        + " \"acceptance_tests\": [\"add(1, 2) == 3\"], \"open_questions\": []}",
                "```json\n{\"approach\": \"one function\", \"files\": [{\"path\": \"solution.py\", \"purpose\": \"add\"}],"
                        + " \"steps\": [\"write it\"], \"test_strategy\": \"edges\"}\n```",
                "{\"edits\": [{\"path\": \"solution.py\", \"content\": \"def add(a, b):\\n    return a + b\\n\"},"
                        + " {\"path\": \"x.py\", \"diff\": \"@@ -1 +1 @@\\n-a\\n+b\\n\"}], \"notes\": \"fixed\"}",
                "Here you go: {\"files\": [{\"path\": \"test_solution.py\", \"content\": \"def test(): pass\"}]} done",
                "{\"approved\": false, \"findings\": [{\"severity\": \"high\", \"blocking\": true, \"file\": \"a.py\","
                        + " \"line\": 3, \"message\": \"wrong\"}]}",
                "{\"findings\": [{\"category\": \"shell\", \"severity\": \"critical\", \"blocking\": \"yes\","
                        + " \"line\": \"7\", \"message\": \"os.system\"}]}",
                "{\"diagnosis\": \"minus\", \"hypothesis\": \"operator\", \"next_step\": \"plus\", \"revise_tests\": true}");
        Fuzz fuzz = Fuzz.seeded(1_130L);

        Fuzz.Report report = fuzz.run(
                Fuzz.INPUTS,
                f -> f.mutate(samples),
                answer -> {
                    JsonNode json = Json.object(answer);
                    for (Parser parser : PARSERS) {
                        try {
                            parser.parse(json);
                        } catch (OutputFormatException wrongShapeForThisRole) {
                            // each role rejects the others' answers; only other exceptions are defects
                        }
                    }
                },
                Set.of(OutputFormatException.class));

        System.out.println("fuzz role-output JSON: " + report);
        assertThat(report.tried()).isEqualTo(Fuzz.INPUTS);
        assertThat(report.accepted()).isPositive();
    }

    private interface Parser {
        Object parse(JsonNode json) throws OutputFormatException;
    }

    private static final List<Parser> PARSERS = List.of(
            Outputs.Spec::parse,
            Outputs.Plan::parse,
            Outputs.CodeChange::parse,
            Outputs.CodeChange::parseAfterActions,
            Outputs.TestSuite::parse,
            Outputs.Review::parse,
            Outputs.Audit::parse,
            Outputs.Reflection::parse);
}
