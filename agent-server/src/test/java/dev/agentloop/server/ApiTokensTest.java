package dev.agentloop.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ApiTokensTest {

    private static final String A = "aaaaaaaaaaaaaaaaaaaa";
    private static final String B = "bbbbbbbbbbbbbbbbbbbbbbbb";

    @Test
    void namesTheTokenPresented() {
        ApiTokens tokens = ApiTokens.parse("ci:" + A + ", alice:" + B);
        assertThat(tokens.nameOf(A)).contains("ci");
        assertThat(tokens.nameOf(B)).contains("alice");
        assertThat(tokens.nameOf("cccccccccccccccccccc")).isEmpty();
        assertThat(tokens.nameOf(A + "x")).isEmpty();
        assertThat(tokens.nameOf(null)).isEmpty();
        assertThat(tokens.names()).containsExactly("ci", "alice");
    }

    @Test
    void blankSpecMeansNoTokens() {
        assertThat(ApiTokens.parse(" ").isEmpty()).isTrue();
        assertThat(ApiTokens.parse(null).isEmpty()).isTrue();
        assertThat(ApiTokens.none().nameOf(A)).isEmpty();
    }

    @Test
    void rejectsAnEntryWithoutANameWithoutShowingTheToken() {
        assertThatThrownBy(() -> ApiTokens.parse("ci:" + A + "," + B))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("entry 2 has no name")
                .hasMessageNotContaining(B);
    }

    @Test
    void rejectsShortTokensAndRepeatedNames() {
        assertThatThrownBy(() -> ApiTokens.parse("ci:short"))
                .hasMessageContaining("'ci' is shorter than 16")
                .hasMessageNotContaining("short,");
        assertThatThrownBy(() -> ApiTokens.parse("ci:" + A + ",ci:" + B)).hasMessageContaining("names 'ci' twice");
        assertThatThrownBy(() -> ApiTokens.parse("c i:" + A)).hasMessageContaining("entry 1");
    }

    @Test
    void toStringShowsNamesOnly() {
        assertThat(ApiTokens.parse("ci:" + A).toString()).contains("ci").doesNotContain(A);
    }
}
