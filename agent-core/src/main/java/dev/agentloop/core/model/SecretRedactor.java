package dev.agentloop.core.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The library's one set of secret rules, applied before anything is written, stored, embedded or logged: trajectory
 * lines, memory records, server events. It replaces, with a marker naming the kind and never the value:
 *
 * <ul>
 *   <li>the values of the given environment variables whose names contain KEY, TOKEN, SECRET or PASSWORD (values
 *       of 8 characters or more), as {@value #MARK};
 *   <li>PEM private keys, authorization headers and bearer tokens, OpenAI-style {@code sk-…} keys, GitHub
 *       {@code ghp_…}/{@code github_pat_…} tokens, AWS access key ids, Slack tokens and JWTs;
 *   <li>credentials in URLs ({@code scheme://user:secret@host});
 *   <li>the values of {@code password=…}, {@code secret: …}, {@code "api_key": "…"}-style assignments.
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class SecretRedactor {

    /** The marker a secret whose kind is not named is replaced with. */
    public static final String MARK = "[REDACTED]";

    private record Rule(Pattern pattern, String replacement) {}

    private static final String KEY_WORDS =
            "password|passwd|pwd|secret|client_secret|api[_-]?key|apikey|access[_-]?token|auth[_-]?token|token"
                    + "|private[_-]?key|aws_secret_access_key|db_password|pgpassword";

    private static final List<Rule> RULES = List.of(
            // A whole PEM private key block, whatever the key type (to the end of the text when it was cut).
            new Rule(
                    Pattern.compile(
                            "-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----[\\s\\S]*?(?:-----END \\1PRIVATE KEY-----|$)"),
                    "[REDACTED PRIVATE KEY]"),
            new Rule(
                    Pattern.compile(
                            "(?i)\\b(authorization\\s*[:=]\\s*[\"']?)(bearer|basic|token)\\s+[A-Za-z0-9._~+/=-]+"),
                    "$1$2 " + MARK),
            new Rule(Pattern.compile("(?i)\\bbearer\\s+[A-Za-z0-9._~+/=-]{16,}"), "Bearer " + MARK),
            new Rule(Pattern.compile("\\bsk-(?:proj-|ant-|live-|test-)?[A-Za-z0-9_-]{20,}"), "[REDACTED sk-key]"),
            new Rule(Pattern.compile("\\bgh[pousr]_[A-Za-z0-9]{30,}"), "[REDACTED github-token]"),
            new Rule(Pattern.compile("\\bgithub_pat_[A-Za-z0-9_]{30,}"), "[REDACTED github-token]"),
            new Rule(Pattern.compile("\\b(?:AKIA|ASIA)[A-Z0-9]{16}\\b"), "[REDACTED aws-key-id]"),
            new Rule(Pattern.compile("\\bxox[baprs]-[A-Za-z0-9-]{10,}"), "[REDACTED slack-token]"),
            new Rule(
                    Pattern.compile("\\beyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}"),
                    "[REDACTED jwt]"),
            // Credentials inside a URL: scheme://user:secret@host
            new Rule(Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://[^\\s:/@]+:)[^\\s@/]+@"), "$1" + MARK + "@"),
            // key = value, key: value, "key": "value", KEY=value in env dumps and code
            new Rule(
                    Pattern.compile("(?i)([\"']?\\b(?:" + KEY_WORDS + ")\\b[\"']?\\s*(?:=|:|=>)\\s*)"
                            + "(\"[^\"\\n]{3,}\"|'[^'\\n]{3,}'|[^\\s\"',;)}\\]]{3,})"),
                    "$1" + MARK));

    /** The user-info part of a URL's authority: {@code scheme://user[:password]@}, up to the last {@code @}. */
    private static final Pattern URL_USER_INFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*)://([^\\s/?#]+)@");

    private static final SecretRedactor RULES_ONLY = new SecretRedactor(List.of());

    private final List<String> values;

    private SecretRedactor(List<String> values) {
        this.values = values;
    }

    /** {@return the rules alone, without any environment variable's value} */
    public static SecretRedactor ofDefaults() {
        return RULES_ONLY;
    }

    /**
     * {@return the rules, plus the values of the secret-looking variables of {@code environment}}
     *
     * @param environment variable names to values, e.g. {@code System.getenv()}; not null
     */
    public static SecretRedactor of(Map<String, String> environment) {
        Objects.requireNonNull(environment, "environment");
        List<String> values = new ArrayList<>();
        environment.forEach((name, value) -> {
            String upper = name.toUpperCase(Locale.ROOT);
            boolean secretName = upper.contains("KEY")
                    || upper.contains("TOKEN")
                    || upper.contains("SECRET")
                    || upper.contains("PASSWORD");
            if (secretName && value != null && value.length() >= 8) {
                values.add(value);
            }
        });
        // longest first, so a value that contains another is replaced whole
        values.sort(Comparator.comparingInt(String::length).reversed());
        return new SecretRedactor(List.copyOf(values));
    }

    /** {@return the rules, plus the secret-looking variables of the process's own environment} */
    public static SecretRedactor ofSystemEnvironment() {
        return of(System.getenv());
    }

    /**
     * The text with every secret replaced.
     *
     * @param text any text; null gives the empty string
     * @return the redacted text, never null
     */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String out = text;
        for (String value : values) {
            out = out.replace(value, MARK);
        }
        for (Rule rule : RULES) {
            Matcher m = rule.pattern().matcher(out);
            if (m.find()) {
                out = m.replaceAll(rule.replacement());
            }
        }
        return out;
    }

    /**
     * A repository location or remote URL without credentials: {@code https://user:token@host/x.git} becomes {@code
     * https://host/x.git}. The user-info goes whenever it holds a password, and always for http(s), where a lone
     * user name is usually a token; an ssh user name ({@code ssh://git@host/x}, {@code git@host:x}) stays. The rest
     * then passes through {@link #redact} (a {@code ?access_token=…} parameter, a token of a known shape).
     *
     * @param url a URL, an scp-like git address or a path; null gives the empty string
     * @return it without credentials, never null
     */
    public String withoutCredentials(String url) {
        if (url == null || url.isEmpty()) {
            return "";
        }
        Matcher m = URL_USER_INFO.matcher(url);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String scheme = m.group(1).toLowerCase(Locale.ROOT);
            boolean secret = m.group(2).indexOf(':') >= 0 || scheme.equals("http") || scheme.equals("https");
            m.appendReplacement(out, Matcher.quoteReplacement(secret ? m.group(1) + "://" : m.group()));
        }
        m.appendTail(out);
        return redact(out.toString());
    }
}
