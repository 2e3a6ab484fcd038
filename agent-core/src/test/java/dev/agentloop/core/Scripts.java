package dev.agentloop.core;

import dev.agentloop.core.model.ScriptedChatModel;

/** Role answers for scripted runs of the loop. */
final class Scripts {

    static final String SPEC = """
            {"goal": "add(a, b) returns the sum", "acceptance_tests": ["add(1, 2) == 3"]}""";
    static final String PLAN = """
            {"approach": "one function", "files": [{"path": "solution.py", "purpose": "add"}]}""";
    static final String TESTS = """
            {"files": [{"path": "test_solution.py", "content": "from solution import add\\n\\ndef test_add():\\n    assert add(1, 2) == 3\\n"}]}""";
    static final String REFLECTION = """
            {"diagnosis": "wrong operator", "hypothesis": "uses minus", "next_step": "use plus"}""";

    private Scripts() {}

    static String code(String body) {
        return "{\"edits\": [{\"path\": \"solution.py\", \"content\": \"def add(a, b):\\n    return " + body
                + "\\n\"}]}";
    }

    /** Reprompter, planner and tester answers; the coder and reflector lists are added by the test. */
    static ScriptedChatModel.Builder basics() {
        return ScriptedChatModel.builder()
                .respond(Role.REPROMPTER, SPEC)
                .respond(Role.PLANNER, PLAN)
                .respond(Role.TESTER, TESTS);
    }
}
