package dev.agentloop.core.internal.role;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The prompt templates: {@code <name>.md} from the user's folder when it has one, else the built-in copy of
 * {@code config/prompts/<name>.md} on the class path. Templates use {@code {{variable}}} and {@code
 * {{#variable}}…{{/variable}}} for a part kept only when the variable is not blank; a line
 * {@code <!-- user -->} splits the system part from the user part (without it, the whole template is the user part).
 * {@code notes.md} holds short fragments under {@code ## key} headings.
 *
 * <p>Thread-safe; each template is read and parsed once.
 */
public final class PromptLibrary {

    static final String CLASSPATH_FOLDER = "/agentloop/prompts/";
    private static final Pattern NOTE = Pattern.compile("(?m)^## +([a-z_]+)\\s*$");

    private final Optional<Path> folder;
    private final Map<String, String> cache = new ConcurrentHashMap<>();
    private final Map<String, Template> templates = new ConcurrentHashMap<>();
    private final Map<String, Boolean> present = new ConcurrentHashMap<>();
    private volatile Map<String, Template> notes;

    /** @param folder the user's folder of overrides; empty for the built-in templates only */
    public PromptLibrary(Optional<Path> folder) {
        this.folder = folder;
    }

    /**
     * Renders a template.
     *
     * @param allowed every variable the loop fills for this template; a template using another one is rejected
     * @throws PromptException naming the template when it is missing or uses an unknown variable
     */
    public Prompt render(String name, Map<String, String> variables, Set<String> allowed) {
        Template template = template(name);
        for (String variable : template.variables()) {
            if (!allowed.contains(variable)) {
                throw new PromptException("Prompt template " + name + ".md uses {{" + variable
                        + "}}, which the loop does not fill; it fills: " + String.join(", ", sorted(allowed)) + ".");
            }
        }
        return new Prompt(template.system(variables), template.user(variables));
    }

    /** Checks that a template exists and uses only allowed variables, without rendering it. */
    public void check(String name, Set<String> allowed) {
        render(name, Map.of(), allowed);
    }

    /** Whether a template exists (in the user's folder or built in). */
    public boolean has(String name) {
        // asked on every PLAN call; the answer is read once like the templates themselves
        return present.computeIfAbsent(name, n -> cache.containsKey(n) || find(n).isPresent());
    }

    /**
     * A fragment of {@code notes.md}, with its variables filled in.
     *
     * @throws PromptException when {@code notes.md} has no such heading
     */
    public String note(String key, Map<String, String> variables) {
        Map<String, Template> all = notes;
        if (all == null) {
            all = parseNotes(text("notes"));
            notes = all;
        }
        Template note = all.get(key);
        if (note == null) {
            throw new PromptException("Prompt file notes.md has no section \"## " + key + "\".");
        }
        return note.user(variables);
    }

    private static Map<String, Template> parseNotes(String text) {
        Map<String, Template> out = new LinkedHashMap<>();
        Matcher m = NOTE.matcher(text);
        String key = null;
        int start = 0;
        while (m.find()) {
            if (key != null) {
                out.put(key, Template.fragment(text.substring(start, m.start())));
            }
            key = m.group(1);
            start = m.end();
        }
        if (key != null) {
            out.put(key, Template.fragment(text.substring(start)));
        }
        return out;
    }

    /** A template, parsed once. */
    private Template template(String name) {
        return templates.computeIfAbsent(name, n -> {
            try {
                return Template.parse(text(n));
            } catch (IllegalArgumentException e) {
                throw new PromptException("Prompt template " + n + ".md cannot be used: " + e.getMessage() + ".");
            }
        });
    }

    private String text(String name) {
        return cache.computeIfAbsent(
                name,
                n -> find(n).orElseThrow(() -> new PromptException("Prompt template " + n + ".md was not found"
                        + folder.map(f -> " in " + f + " nor").orElse("") + " among the built-in prompts.")));
    }

    private Optional<String> find(String name) {
        if (folder.isPresent()) {
            Path file = folder.get().resolve(name + ".md");
            if (Files.isRegularFile(file)) {
                try {
                    return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot read prompt template " + file + ": " + e.getMessage(), e);
                }
            }
        }
        try (InputStream in = PromptLibrary.class.getResourceAsStream(CLASSPATH_FOLDER + name + ".md")) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the built-in prompt " + name + ".md: " + e.getMessage(), e);
        }
    }

    private static java.util.List<String> sorted(Set<String> names) {
        return names.stream().sorted().toList();
    }
}
