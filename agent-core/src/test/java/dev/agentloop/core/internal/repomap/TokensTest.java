package dev.agentloop.core.internal.repomap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokensTest {

    private static List<String> terms(String word) {
        List<String> out = new ArrayList<>();
        Tokens.terms(word, out::add);
        return out;
    }

    @Test
    void splitsCompoundIdentifiersAndKeepsTheWhole() {
        assertThat(terms("parse_header")).containsExactly("parse_header", "parse", "header");
        assertThat(terms("HTTPServer")).containsExactly("httpserver", "http", "server");
        assertThat(terms("getValue2x")).containsExactly("getvalue2x", "get", "value");
        assertThat(terms("_private")).containsExactly("_private", "private");
        assertThat(terms("simple")).containsExactly("simple");
    }

    @Test
    void dropsShortTermsNumbersAndCommonWords() {
        assertThat(terms("a")).isEmpty();
        assertThat(terms("the")).isEmpty();
        assertThat(terms("x_1")).containsExactly("x_1");
        List<String> words = Tokens.words("File \"a.py\", line 12, in $el.getX()");
        assertThat(words).containsExactly("File", "a", "py", "line", "in", "$el", "getX");
    }
}
