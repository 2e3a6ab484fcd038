package dev.agentloop.memory;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces secrets in text with {@value #MASK}-style markers before anything is stored, embedded or logged: PEM
 * private keys, bearer/basic authorization headers, OpenAI-style {@code sk-…} keys, GitHub {@code ghp_…}/{@code
 * github_pat_…} tokens, AWS access key ids ({@code AKIA…}) and secret keys, Slack tokens, and the values of {@code
 * password=…}, {@code secret: …}, {@code api_key=…}-style assignments. Stateless and thread-safe.
 */
public final class SecretRedactor {

    /** The marker a secret is replaced with (its kind is kept in brackets, the value never). */
    public static final String MASK = "[REDACTED]";

    private record Rule(Pattern pattern, String replacement) {}

    private static final String KEY_WORDS =
            "password|passwd|pwd|secret|client_secret|api[_-]?key|apikey|access[_-]?token|auth[_-]?token|token"
                    + "|private[_-]?key|aws_secret_access_key|db_password|pgpassword";

    private static final List<Rule> RULES = List.of(
            // A whole PEM private key block, whatever the key type.
            new Rule(
                    Pattern.compile(
                            "-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----[\\s\\S]*?(?:-----END \\1PRIVATE KEY-----|$)"),
                    "[REDACTED PRIVATE KEY]"),
            new Rule(
                    Pattern.compile(
                            "(?i)\\b(authorization\\s*[:=]\\s*[\"']?)(bearer|basic|token)\\s+[A-Za-z0-9._~+/=-]+"),
                    "$1$2 " + MASK),
            new Rule(Pattern.compile("(?i)\\bbearer\\s+[A-Za-z0-9._~+/=-]{16,}"), "Bearer " + MASK),
            new Rule(Pattern.compile("\\bsk-(?:proj-|ant-|live-|test-)?[A-Za-z0-9_-]{20,}"), "[REDACTED sk-key]"),
            new Rule(Pattern.compile("\\bgh[pousr]_[A-Za-z0-9]{30,}"), "[REDACTED github-token]"),
            new Rule(Pattern.compile("\\bgithub_pat_[A-Za-z0-9_]{30,}"), "[REDACTED github-token]"),
            new Rule(Pattern.compile("\\b(?:AKIA|ASIA)[A-Z0-9]{16}\\b"), "[REDACTED aws-key-id]"),
            new Rule(Pattern.compile("\\bxox[baprs]-[A-Za-z0-9-]{10,}"), "[REDACTED slack-token]"),
            new Rule(
                    Pattern.compile("\\beyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}"),
                    "[REDACTED jwt]"),
            // Credentials inside a URL: scheme://user:secret@host
            new Rule(Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://[^\\s:/@]+:)[^\\s@/]+@"), "$1" + MASK + "@"),
            // key = value, key: value, "key": "value", KEY=value in env dumps and code
            new Rule(
                    Pattern.compile("(?i)([\"']?\\b(?:" + KEY_WORDS + ")\\b[\"']?\\s*(?:=|:|=>)\\s*)"
                            + "(\"[^\"\\n]{3,}\"|'[^'\\n]{3,}'|[^\\s\"',;)}\\]]{3,})"),
                    "$1" + MASK));

    /** The user-info part of a URL's authority: {@code scheme://user[:password]@}, up to the last {@code @}. */
    private static final Pattern URL_USER_INFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*)://([^\\s/?#]+)@");

    private SecretRedactor() {}

    /**
     * A repository location or remote URL without credentials: {@code https://user:token@host/x.git} becomes {@code
     * https://host/x.git}. The user-info goes whenever it holds a password, and always for http(s), where a lone
     * user name is usually a token; an ssh user name ({@code ssh://git@host/x}, {@code git@host:x}) stays. The rest
     * then passes through {@link #redact} (a {@code ?access_token=…} parameter, a token of a known shape).
     *
     * @param url a URL, an scp-like git address or a path; null gives the empty string
     * @return it without credentials, never null
     */
    public static String withoutCredentials(String url) {
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

    /**
     * The text with every secret the rules recognise replaced.
     *
     * @param text any text; null gives the empty string
     * @return the redacted text, never null
     */
    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String result = text;
        for (Rule rule : RULES) {
            Matcher m = rule.pattern().matcher(result);
            if (m.find()) {
                result = m.replaceAll(rule.replacement());
            }
        }
        return result;
    }
}
