package dev.agentloop.cli.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LocalizationTest {

    @Test
    void theFileRankIsThePlaceOfTheFirstGoldFile() {
        Localization l = Localization.ofRanking(
                List.of("pkg/b.py", "pkg/c.py"), List.of("f"), List.of("pkg/a.py", "pkg/c.py", "pkg/b.py"), List.of());

        assertThat(l.fileRank()).isEqualTo(2);
        assertThat(l.fileTop1()).isFalse();
        assertThat(l.fileTop5()).isTrue();
        assertThat(l.functionRank()).isZero();
        assertThat(l.ranked()).isTrue();
    }

    @Test
    void aGoldFunctionCountsOnlyInAGoldFile() {
        Localization l = Localization.ofRanking(
                List.of("b.py"),
                List.of("Parser.parse"),
                List.of("b.py"),
                List.of(
                        new Localization.Definition("a.py", "Parser.parse"),
                        new Localization.Definition("b.py", "helper"),
                        new Localization.Definition("b.py", "Parser.parse")));

        assertThat(l.functionRank()).isEqualTo(3);
        assertThat(l.functionTop5()).isTrue();
        assertThat(l.functionTop1()).isFalse();
    }

    @Test
    void aGoldFileBeyondTheFifthPlaceOrAbsentIsAMiss() {
        List<String> ranked = List.of("1.py", "2.py", "3.py", "4.py", "5.py", "gold.py");
        assertThat(Localization.rank(ranked, Set.of("gold.py"))).isEqualTo(6);
        Localization sixth = Localization.ofRanking(List.of("gold.py"), List.of(), ranked, List.of());
        assertThat(sixth.fileTop5()).isFalse();
        Localization none = Localization.ofRanking(List.of("gold.py"), List.of(), List.of(), List.of());
        assertThat(none.ranked()).isFalse();
        assertThat(none.fileRank()).isZero();
    }

    @Test
    void theRunsReadsAndEditsAreCheckedAgainstTheGoldFiles() {
        Localization l = Localization.ofRanking(List.of("b.py"), List.of(), List.of("b.py"), List.of())
                .withRun(Set.of("a.py", "b.py"), Set.of("a.py"));

        assertThat(l.readGold()).isTrue();
        assertThat(l.editedGold()).isFalse();
    }

    @Test
    void figuresCountOverAllInstancesSoAnUnrankedOneIsAMiss() {
        Localization first = Localization.ofRanking(List.of("a.py"), List.of(), List.of("a.py"), List.of())
                .withRun(Set.of("a.py"), Set.of("a.py"));
        Localization third =
                Localization.ofRanking(List.of("a.py"), List.of(), List.of("x.py", "y.py", "a.py"), List.of());
        Localization unranked = Localization.ofRanking(List.of("a.py"), List.of(), List.of(), List.of());

        LocalizationFigures f = LocalizationFigures.of(List.of(first, third, unranked));

        assertThat(f.instances()).isEqualTo(3);
        assertThat(f.ranked()).isEqualTo(2);
        assertThat(f.fileTop1()).isEqualTo(1);
        assertThat(f.fileTop5()).isEqualTo(2);
        assertThat(f.percent(f.fileTop5())).isEqualTo("67%");
        assertThat(f.readGold()).isEqualTo(1);
        assertThat(LocalizationFigures.of(List.of()).percent(0)).isEqualTo("-");
    }
}
