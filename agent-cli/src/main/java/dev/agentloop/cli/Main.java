package dev.agentloop.cli;

/** The {@code agent} executable's entry point. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        int code = AgentCli.create(CliContext.system()).execute(args);
        System.exit(code);
    }
}
