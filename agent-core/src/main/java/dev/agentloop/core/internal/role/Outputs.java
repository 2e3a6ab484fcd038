package dev.agentloop.core.internal.role;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentloop.core.internal.workspace.Edit;
import dev.agentloop.core.spi.ScanSeverity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The typed answers of the roles, and how each is read from JSON. Schemas: {@code config/prompts/README.md}. */
public final class Outputs {

    private Outputs() {}

    /** An open question of the Reprompter, with what to assume when nobody answers. */
    public record OpenQuestion(String question, List<String> suggestions, String assumption) {}

    /**
     * The Reprompter's structured spec. {@code answers} and {@code assumptions} are filled in by the loop: answers
     * from the clarification handler, assumptions for questions nobody answered.
     */
    public record Spec(
            String goal,
            List<String> inputs,
            List<String> outputs,
            List<String> constraints,
            List<String> acceptanceTests,
            List<OpenQuestion> openQuestions,
            List<String> answers,
            List<String> assumptions) {

        /** The spec of a task whose Reprompter answer was unusable: the task text is the goal. */
        public static Spec ofGoal(String goal) {
            return new Spec(goal, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
        }

        public Spec withResolutions(List<String> answered, List<String> assumed) {
            return new Spec(
                    goal,
                    inputs,
                    outputs,
                    constraints,
                    acceptanceTests,
                    openQuestions,
                    List.copyOf(answered),
                    List.copyOf(assumed));
        }

        public String render() {
            StringBuilder s = new StringBuilder("Goal: ").append(goal).append('\n');
            list(s, "Inputs", inputs);
            list(s, "Outputs", outputs);
            list(s, "Constraints", constraints);
            list(s, "Acceptance tests", acceptanceTests);
            list(s, "Answers from the person", answers);
            list(s, "Assumptions (nobody was asked)", assumptions);
            return s.toString().stripTrailing();
        }

        static Spec parse(JsonNode json) throws OutputFormatException {
            List<OpenQuestion> questions = new ArrayList<>();
            int i = 0;
            for (JsonNode q : Json.objects(json, "open_questions", false)) {
                i++;
                questions.add(new OpenQuestion(
                        Json.requiredText(q, "question", "open_questions[" + i + "]: "),
                        Json.texts(q, "suggestions"),
                        Json.optionalText(q, "assumption")));
            }
            return new Spec(
                    Json.requiredText(json, "goal", ""),
                    Json.texts(json, "inputs"),
                    Json.texts(json, "outputs"),
                    Json.texts(json, "constraints"),
                    Json.texts(json, "acceptance_tests"),
                    questions,
                    List.of(),
                    List.of());
        }
    }

    /** A file the plan will create, and why. */
    public record PlannedFile(String path, String purpose) {}

    /** The Planner's plan. */
    public record Plan(String approach, List<PlannedFile> files, List<String> steps, String testStrategy) {

        public String render() {
            StringBuilder s = new StringBuilder("Approach: ").append(approach).append('\n');
            if (!files.isEmpty()) {
                s.append("Files:\n");
                files.forEach(f -> s.append("- ")
                        .append(f.path())
                        .append(f.purpose().isEmpty() ? "" : ": " + f.purpose())
                        .append('\n'));
            }
            list(s, "Steps", steps);
            if (!testStrategy.isBlank()) {
                s.append("Test strategy: ").append(testStrategy).append('\n');
            }
            return s.toString().stripTrailing();
        }

        static Plan parse(JsonNode json) throws OutputFormatException {
            String approach = Json.requiredText(json, "approach", "");
            List<PlannedFile> files = new ArrayList<>();
            int i = 0;
            for (JsonNode f : Json.objects(json, "files", true)) {
                i++;
                files.add(new PlannedFile(
                        Json.requiredText(f, "path", "files[" + i + "]: "), Json.optionalText(f, "purpose")));
            }
            return new Plan(approach, files, Json.texts(json, "steps"), Json.optionalText(json, "test_strategy"));
        }
    }

    /** The Coder's edits. */
    public record CodeChange(List<Edit> edits, String notes) {

        static CodeChange parse(JsonNode json) throws OutputFormatException {
            return new CodeChange(parseEdits(json, "edits", true), Json.optionalText(json, "notes"));
        }

        /**
         * The answer after the Coder acted: its edits may all have been made by actions already, so the list may be
         * empty or missing.
         */
        static CodeChange parseAfterActions(JsonNode json) throws OutputFormatException {
            return new CodeChange(parseEdits(json, "edits", false), Json.optionalText(json, "notes"));
        }
    }

    /** The Tester's test files (whole-file writes). */
    public record TestSuite(List<Edit> files) {

        static TestSuite parse(JsonNode json) throws OutputFormatException {
            List<Edit> files = new ArrayList<>();
            int i = 0;
            for (JsonNode f : Json.objects(json, "files", true)) {
                i++;
                String where = "files[" + i + "]: ";
                files.add(new Edit.WriteFile(
                        Json.requiredText(f, "path", where), Json.requiredText(f, "content", where)));
            }
            return new TestSuite(files);
        }
    }

    /** One finding of the Reviewer or the Auditor. */
    public record Finding(
            String category, ScanSeverity severity, boolean blocking, String file, int line, String message) {

        public String render() {
            return "[" + severity.name().toLowerCase(Locale.ROOT) + (blocking ? ", blocking" : "") + "] "
                    + (category.isEmpty() ? "" : category + ": ")
                    + (file.isEmpty() ? "" : file + (line > 0 ? ":" + line : "") + ": ")
                    + message;
        }

        static Finding parse(JsonNode f, String where) throws OutputFormatException {
            String severityText = Json.optionalText(f, "severity").toUpperCase(Locale.ROOT);
            ScanSeverity severity;
            try {
                severity = severityText.isEmpty() ? ScanSeverity.MEDIUM : ScanSeverity.valueOf(severityText);
            } catch (IllegalArgumentException e) {
                throw new OutputFormatException(where + "severity must be low, medium, high or critical, was \""
                        + severityText.toLowerCase(Locale.ROOT) + "\"");
            }
            return new Finding(
                    Json.optionalText(f, "category"),
                    severity,
                    Json.optionalBoolean(f, "blocking", false),
                    Json.optionalText(f, "file"),
                    Json.optionalInt(f, "line"),
                    Json.requiredText(f, "message", where));
        }
    }

    /** The Reviewer's verdict. A blocking finding sends the loop back to CODE. */
    public record Review(boolean approved, List<Finding> findings) {

        public static final Review SKIPPED = new Review(true, List.of());

        public List<Finding> blocking() {
            return findings.stream().filter(Finding::blocking).toList();
        }

        static Review parse(JsonNode json) throws OutputFormatException {
            if (!json.has("approved")) {
                throw new OutputFormatException("field \"approved\" is missing");
            }
            boolean approved = Json.optionalBoolean(json, "approved", true);
            List<Finding> findings = parseFindings(json, false);
            if (!approved && findings.stream().noneMatch(Finding::blocking)) {
                // "not approved" without a blocking finding still has to send the coder something to act on
                List<Finding> marked = new ArrayList<>();
                findings.forEach(f ->
                        marked.add(new Finding(f.category(), f.severity(), true, f.file(), f.line(), f.message())));
                findings = marked.isEmpty()
                        ? List.of(new Finding(
                                "", ScanSeverity.MEDIUM, true, "", 0, "the reviewer did not approve the code"))
                        : marked;
            }
            return new Review(approved, findings);
        }
    }

    /** The Auditor's findings. A blocking finding sends the loop back to CODE. */
    public record Audit(List<Finding> findings) {

        public static final Audit SKIPPED = new Audit(List.of());

        public List<Finding> blocking() {
            return findings.stream().filter(Finding::blocking).toList();
        }

        static Audit parse(JsonNode json) throws OutputFormatException {
            return new Audit(parseFindings(json, true));
        }
    }

    /** The Reflector's diagnosis. */
    public record Reflection(String diagnosis, String hypothesis, String nextStep, boolean reviseTests) {

        public String render() {
            return "Diagnosis: " + diagnosis + (hypothesis.isBlank() ? "" : "\nHypothesis: " + hypothesis)
                    + "\nNext step: " + nextStep;
        }

        static Reflection parse(JsonNode json) throws OutputFormatException {
            return new Reflection(
                    Json.requiredText(json, "diagnosis", ""),
                    Json.optionalText(json, "hypothesis"),
                    Json.requiredText(json, "next_step", ""),
                    Json.optionalBoolean(json, "revise_tests", false));
        }
    }

    private static List<Finding> parseFindings(JsonNode json, boolean required) throws OutputFormatException {
        if (required && !json.has("findings")) {
            throw new OutputFormatException("field \"findings\" is missing (use [] for none)");
        }
        List<Finding> out = new ArrayList<>();
        int i = 0;
        for (JsonNode f : Json.objects(json, "findings", false)) {
            i++;
            out.add(Finding.parse(f, "findings[" + i + "]: "));
        }
        return out;
    }

    private static List<Edit> parseEdits(JsonNode json, String field, boolean required) throws OutputFormatException {
        List<Edit> edits = new ArrayList<>();
        int i = 0;
        for (JsonNode e : Json.objects(json, field, required)) {
            i++;
            String where = field + "[" + i + "]: ";
            String path = Json.requiredText(e, "path", where);
            boolean hasContent = e.hasNonNull("content");
            boolean hasDiff = e.hasNonNull("diff");
            boolean hasSearch = e.hasNonNull("search");
            if ((hasContent ? 1 : 0) + (hasDiff ? 1 : 0) + (hasSearch ? 1 : 0) != 1) {
                throw new OutputFormatException(where + "give exactly one of \"content\" (the whole file), \"diff\""
                        + " (a unified diff) or \"search\" with \"replace\" (an exact snippet and its replacement)");
            }
            if (hasSearch) {
                String search = Json.requiredText(e, "search", where);
                if (search.isEmpty()) {
                    throw new OutputFormatException(where + "\"search\" must not be empty");
                }
                JsonNode replace = e.get("replace");
                if (replace == null || !replace.isTextual()) {
                    throw new OutputFormatException(where + "\"search\" needs a \"replace\" string");
                }
                edits.add(new Edit.ReplaceText(path, search, replace.asText()));
            } else if (hasContent) {
                if (!e.get("content").isTextual()) {
                    throw new OutputFormatException(where + "field \"content\" must be a string");
                }
                edits.add(new Edit.WriteFile(path, e.get("content").asText()));
            } else {
                edits.add(new Edit.PatchFile(path, Json.requiredText(e, "diff", where)));
            }
        }
        return edits;
    }

    private static void list(StringBuilder s, String title, List<String> items) {
        if (!items.isEmpty()) {
            s.append(title).append(":\n");
            items.forEach(item -> s.append("- ").append(item).append('\n'));
        }
    }
}
