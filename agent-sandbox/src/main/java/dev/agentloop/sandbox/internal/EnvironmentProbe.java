package dev.agentloop.sandbox.internal;

import dev.agentloop.core.Language;
import dev.agentloop.core.spi.ExecRequest;
import dev.agentloop.core.spi.ExecResult;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks a sandbox which version of the task's language it runs and which packages it has, so prompts can say so
 * (a model otherwise guesses, e.g. imports a package that is not there). Run once per image by the sandbox, which keeps
 * the answer. A probe that fails gives the empty string: the prompts then say nothing about the sandbox.
 */
public final class EnvironmentProbe {

    private static final Logger LOG = LoggerFactory.getLogger(EnvironmentProbe.class);

    /** Packages named in a prompt at most; the rest are counted. */
    static final int MAX_PACKAGES = 40;

    /**
     * Test frameworks are named before the other packages, so a crowded environment (a host's Python with a hundred
     * packages) still tells the model which ones its tests may use.
     */
    private static final Pattern TEST_TOOL = Pattern.compile(
            "(?i)^(pytest|pytest-[\\w.-]+|hypothesis|mocha|tap|jest|chai|junit[\\w.-]*|assertj[\\w.-]*|hamcrest[\\w.-]*)(\\s.*)?$");

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final long CAP = 64 * 1024;

    private static final String PYTHON = "python3 -c \"import sys, importlib.metadata as m;"
            + " print('Python ' + sys.version.split()[0]);"
            + " [print(d.metadata['Name'] + ' ' + d.version) for d in m.distributions() if d.metadata['Name']]\"";
    private static final String NODE = "echo \"Node.js $(node --version | sed 's/^v//')\";"
            + " for d in /usr/share/nodejs /usr/lib/node_modules /usr/local/lib/node_modules; do"
            + " [ -d \"$d\" ] && ls -1 \"$d\"; done 2>/dev/null | grep -v '^@' | sort -u";
    private static final String JAVA = "java -version 2>&1 | head -1 | sed -E 's/.*version \"([^\"]+)\".*/Java \\1/';"
            + " ls -1 /usr/share/java 2>/dev/null | grep -E '^(junit|opentest4j|apiguardian|hamcrest|assertj)'"
            + " | grep -v -- '-[0-9]' | sed 's/\\.jar$//'";

    private EnvironmentProbe() {}

    /**
     * The environment of a started sandbox for {@code language}, e.g. {@code Python 3.11.2; packages: pytest 7.2.1}.
     *
     * @return one line, or empty when the probe failed
     */
    public static String probe(CommandExecutor executor, Language language) {
        String script = switch (language) {
            case PYTHON -> PYTHON;
            case JAVASCRIPT -> NODE;
            case JAVA -> JAVA;
        };
        try {
            ExecResult result = executor.execute(ExecRequest.shell(script), TIMEOUT, CAP);
            if (result.exitCode() != 0) {
                LOG.debug("The environment probe for {} exited {}: {}", language, result.exitCode(), result.stderr());
                return "";
            }
            return describe(result.stdout());
        } catch (RuntimeException e) {
            LOG.debug("The environment probe for {} failed", language, e);
            return "";
        }
    }

    /** The probe's output (the version on the first line, then one package a line) as one line for a prompt. */
    static String describe(String output) {
        List<String> lines =
                output.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (lines.isEmpty()) {
            return "";
        }
        List<String> packages = lines.subList(1, lines.size()).stream()
                .distinct()
                .sorted(Comparator.comparing((String p) -> !TEST_TOOL.matcher(p).matches())
                        .thenComparing(p -> p.toLowerCase(Locale.ROOT)))
                .toList();
        if (packages.isEmpty()) {
            return lines.get(0) + " (standard library only)";
        }
        String shown = packages.stream().limit(MAX_PACKAGES).collect(Collectors.joining(", "));
        String more = packages.size() > MAX_PACKAGES ? " and " + (packages.size() - MAX_PACKAGES) + " more" : "";
        return lines.get(0) + "; installed packages: " + shown + more;
    }
}
