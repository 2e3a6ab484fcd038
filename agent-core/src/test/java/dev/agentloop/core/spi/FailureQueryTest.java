package dev.agentloop.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentloop.core.Language;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FailureQueryTest {

    @Test
    void forErrorProbesWithTheNormalisedMessageInTheGivenLanguage() {
        FailureQuery query = FailureQuery.forError(
                " TypeError ", "unsupported operand at /home/me/app.py, line 42 for 3 and 'x'", Language.PYTHON);

        FailureRecord probe = query.probe();
        assertThat(probe.errorType()).isEqualTo("TypeError");
        assertThat(probe.message()).isEqualTo("unsupported operand at app.py, line <n> for <n> and 'x'");
        assertThat(probe.signature()).isEqualTo("TypeError | " + probe.message() + " | ");
        assertThat(probe.language()).isEqualTo(Language.PYTHON);
        assertThat(probe.outputExcerpt()).startsWith("TypeError: unsupported operand at /home/me/app.py");
        assertThat(query.limit()).isEqualTo(FailureQuery.DEFAULT_LIMIT);
        assertThat(query.language()).isEmpty();
        assertThat(query.withLanguage(Language.PYTHON).language()).isEqualTo(Optional.of(Language.PYTHON));
    }

    @Test
    void forErrorNamesAMissingArgument() {
        assertThatThrownBy(() -> FailureQuery.forError("TypeError", null, Language.PYTHON))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("message");
    }
}
