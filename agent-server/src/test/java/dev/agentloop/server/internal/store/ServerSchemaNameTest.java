package dev.agentloop.server.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentloop.server.QueuedIssueRunner;
import dev.agentloop.server.ServerApprovals;
import dev.agentloop.server.ServerConfig;
import org.junit.jupiter.api.Test;

/** The one check of a schema name that the server's builders share: the name goes into SQL text. */
class ServerSchemaNameTest {

    @Test
    void takesALowerCaseIdentifier() {
        assertThat(ServerSchema.requireName("agentloop_2")).isEqualTo("agentloop_2");
    }

    @Test
    void everyBuilderRefusesANameThatIsNotALowerCaseIdentifierNamingIt() {
        for (String bad : new String[] {"Agent", "a-b", "x; DROP TABLE t", "9lives", ""}) {
            assertThatThrownBy(() -> ServerConfig.builder().schema(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + bad + "'");
            assertThatThrownBy(() -> ServerApprovals.builder().schema(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("lower-case SQL identifier");
            assertThatThrownBy(() -> QueuedIssueRunner.builder().schema(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("lower-case SQL identifier");
        }
    }
}
