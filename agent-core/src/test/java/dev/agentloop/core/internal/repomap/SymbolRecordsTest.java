package dev.agentloop.core.internal.repomap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SymbolRecordsTest {

    @Test
    void decodesTheParserScriptsRecords() {
        String output = "F\tpkg/a.py\tOK\t\n"
                + "D\tc\tParser\t3\t20\t\tclass Parser(Base)\tParses things.\n"
                + "D\tm\tparse\t5\t9\tParser\tdef parse(self, text)\t\n"
                + "I\t..util\thelper,other\n"
                + "R\tself:4 helper text\n"
                + "F\tbad.py\tSYNTAX\tline 2: invalid syntax\n";

        Map<String, FileSymbols> files = SymbolRecords.decode(output);

        assertThat(files).containsOnlyKeys("pkg/a.py", "bad.py");
        FileSymbols a = files.get("pkg/a.py");
        assertThat(a.status()).isEqualTo(ParseStatus.PARSED);
        assertThat(a.definitions())
                .containsExactly(
                        new Definition(SymbolKind.CLASS, "Parser", 3, 20, "", "class Parser(Base)", "Parses things."),
                        new Definition(SymbolKind.METHOD, "parse", 5, 9, "Parser", "def parse(self, text)", ""));
        assertThat(a.imports()).containsExactly(new ImportRef("..util", List.of("helper", "other")));
        assertThat(a.references()).containsExactlyInAnyOrderEntriesOf(Map.of("self", 4, "helper", 1, "text", 1));
        assertThat(files.get("bad.py"))
                .isEqualTo(FileSymbols.failed(ParseStatus.SYNTAX_ERROR, "line 2: invalid syntax"));
    }

    @Test
    void escapedTabsNewlinesAndBackslashesSurviveARoundTrip() {
        FileSymbols symbols = new FileSymbols(
                ParseStatus.PARSED,
                "",
                List.of(new Definition(SymbolKind.FUNCTION, "f", 1, 2, "", "def f(a='\\t\\n')", "tab\there\nnext")),
                List.of(new ImportRef("./lib/b.js", List.of())),
                Map.of("f", 2, "$el", 1));

        String encoded = SymbolRecords.encode("dir with\ttab/x.js", symbols);

        assertThat(encoded.lines())
                .allMatch(line -> line.chars().filter(c -> c == '\n').count() == 0);
        assertThat(SymbolRecords.decode(encoded)).containsExactly(Map.entry("dir with\ttab/x.js", symbols));
    }

    @Test
    void aMalformedRecordIsRejectedNamingItsLine() {
        assertThatThrownBy(() -> SymbolRecords.decode("F\ta.py\tOK\t\nD\tf\tname\tnot-a-number\t2\t\t\t\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 2");
        assertThatThrownBy(() -> SymbolRecords.decode("D\tf\tname\t1\t2\t\t\t\n"))
                .hasMessageContaining("before the first file record");
        assertThatThrownBy(() -> SymbolRecords.decode("F\ta.py\tMAYBE\t\n")).hasMessageContaining("MAYBE");
    }
}
