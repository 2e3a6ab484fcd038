package dev.agentloop.sandbox;

import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One execution-hook rule: a command whose text matches {@code pattern} is refused before it runs.
 *
 * @param name the rule's id, reported as {@code ExecResult.blockedBy()}, e.g. {@code rm-rf-root}; never blank
 * @param pattern a Java regular expression searched (not matched whole) in the command's text; never null
 * @param explanation one sentence for the person and the model saying why the command was refused
 */
public record CommandRule(String name, Pattern pattern, String explanation) {

    /**
     * Checks the components.
     *
     * @param name the rule's id, reported as {@code ExecResult.blockedBy()}, e.g. {@code rm-rf-root}; never blank
     * @param pattern a Java regular expression searched (not matched whole) in the command's text; never null
     * @param explanation one sentence for the person and the model saying why the command was refused
     * @throws IllegalArgumentException when the name is blank
     */
    public CommandRule {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("rule name must not be blank");
        }
        Objects.requireNonNull(pattern, "pattern");
        explanation = explanation == null || explanation.isBlank() ? "refused by rule " + name : explanation;
    }

    /**
     * {@return a rule from a regular expression}
     *
     * @param name the rule's id, not blank
     * @param regex a Java regular expression, searched in the command's text
     * @param explanation why a matching command is refused, one sentence
     * @throws IllegalArgumentException naming the rule when the expression does not compile
     */
    public static CommandRule of(String name, String regex, String explanation) {
        Objects.requireNonNull(regex, "regex");
        try {
            return new CommandRule(name, Pattern.compile(regex), explanation);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(
                    "hook rule '" + name + "' has an invalid pattern: " + e.getDescription(), e);
        }
    }

    /**
     * {@return true when the rule refuses this command text}
     *
     * @param commandText the command's text, as a shell would see it
     */
    public boolean matches(String commandText) {
        return pattern.matcher(commandText).find();
    }
}
