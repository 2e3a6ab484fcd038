package dev.agentloop.core.internal.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentloop.core.Language;
import dev.agentloop.core.spi.ExecRequest;
import dev.agentloop.core.spi.ExecResult;
import dev.agentloop.core.spi.SandboxSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The packages a project declares (requirements*.txt and pyproject.toml's {@code dependencies} for Python,
 * package.json's {@code dependencies} for JavaScript) and which of them the sandbox image lacks: the sandbox is
 * offline, so they are reported before the first model call rather than discovered as import errors.
 */
public final class DeclaredDependencies {

    private static final Pattern PYPROJECT_DEPS = Pattern.compile("(?ms)^\\s*dependencies\\s*=\\s*\\[(.*?)\\]");
    private static final Pattern QUOTED = Pattern.compile("[\"']([^\"']+)[\"']");
    private static final Pattern NAME = Pattern.compile("^\\s*([A-Za-z0-9][A-Za-z0-9._-]*)");
    private static final String PYTHON_CHECK = "import importlib.metadata as m, sys\n"
            + "for n in sys.argv[1:]:\n"
            + "    try:\n"
            + "        m.distribution(n)\n"
            + "    except m.PackageNotFoundError:\n"
            + "        print(n)\n";
    private static final String NODE_CHECK = "for (const n of process.argv.slice(1)) {"
            + " try { require.resolve(n, {paths: [process.cwd()]}); } catch (e) { console.log(n); } }";

    private DeclaredDependencies() {}

    /** The names a project declares, in order of appearance, without versions. */
    public static List<String> declared(Path root, Language language) {
        Set<String> names = new LinkedHashSet<>();
        if (language == Language.PYTHON) {
            try (Stream<Path> files = Files.list(root)) {
                for (Path file : files.sorted().toList()) {
                    String name = file.getFileName().toString();
                    if (name.startsWith("requirements") && name.endsWith(".txt")) {
                        for (String line : read(file).split("\n")) {
                            addName(names, line.replaceFirst("#.*", ""));
                        }
                    }
                }
            } catch (IOException e) {
                // no listing, no declared dependencies
            }
            Matcher deps = PYPROJECT_DEPS.matcher(read(root.resolve("pyproject.toml")));
            if (deps.find()) {
                Matcher q = QUOTED.matcher(deps.group(1));
                while (q.find()) {
                    addName(names, q.group(1));
                }
            }
        } else if (language == Language.JAVASCRIPT) {
            try {
                Path manifest = root.resolve("package.json");
                if (Files.isRegularFile(manifest)) {
                    JsonNode deps =
                            new ObjectMapper().readTree(manifest.toFile()).path("dependencies");
                    for (Iterator<String> it = deps.fieldNames(); it.hasNext(); ) {
                        names.add(it.next());
                    }
                }
            } catch (IOException e) {
                // an unreadable package.json shows in the baseline's test run
            }
        }
        return List.copyOf(names);
    }

    /** The declared packages the sandbox cannot import; empty when all are there or the check cannot run. */
    public static List<String> missing(SandboxSession session, Language language, List<String> declared) {
        if (declared.isEmpty() || language == Language.JAVA) {
            return List.of();
        }
        List<String> argv = new ArrayList<>(
                language == Language.PYTHON
                        ? List.of("python3", "-c", PYTHON_CHECK)
                        : List.of("node", "-e", NODE_CHECK, "--"));
        argv.addAll(declared);
        ExecResult result = session.exec(new ExecRequest(argv, "", Map.of(), Duration.ofSeconds(30)));
        if (!result.succeeded()) {
            return List.of();
        }
        return result.stdout()
                .lines()
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static void addName(Set<String> names, String spec) {
        String s = spec.strip();
        if (s.isEmpty() || s.startsWith("-")) {
            return;
        }
        Matcher m = NAME.matcher(s);
        if (m.find()) {
            names.add(m.group(1));
        }
    }

    private static String read(Path file) {
        try {
            return Files.isRegularFile(file) && Files.size(file) < 1_000_000 ? Files.readString(file) : "";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
