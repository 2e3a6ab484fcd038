package dev.agentloop.cli.repl;

import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Completes the REPL's own {@code :commands}, the agent commands, their subcommands and their flags, all read from
 * the picocli model so that completion never drifts from the commands.
 */
final class ReplCompleter implements Completer {

    private final CommandLine root;

    ReplCompleter(CommandLine root) {
        this.root = root;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        List<String> words = line.words();
        int index = line.wordIndex();
        if (index == 0) {
            for (String c : Repl.COMMANDS) {
                candidates.add(new Candidate(c, c, "repl", null, null, null, true));
            }
            root.getSubcommands().keySet().forEach(name -> candidates.add(new Candidate(name)));
            return;
        }
        CommandLine current = root;
        for (int i = 0; i < index && i < words.size(); i++) {
            CommandLine sub = current.getSubcommands().get(words.get(i));
            if (sub != null) {
                current = sub;
            }
        }
        CommandSpec spec = current.getCommandSpec();
        current.getSubcommands().keySet().forEach(name -> candidates.add(new Candidate(name)));
        for (OptionSpec option : spec.options()) {
            for (String name : option.names()) {
                if (name.startsWith("--")) {
                    String description = option.description().length > 0 ? option.description()[0] : null;
                    candidates.add(new Candidate(name, name, null, description, null, null, true));
                }
            }
            if (option.completionCandidates() != null) {
                option.completionCandidates().forEach(v -> candidates.add(new Candidate(v)));
            }
        }
    }
}
