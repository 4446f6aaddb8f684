package cn.lianxin.member.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;

class FocusTagTest {

    @Test
    void readsTheChineseLabelsSeparatedByTheEnumerationComma() {
        FocusTag.Parsed parsed = FocusTag.parseLabels("困难党员、出国境");

        assertThat(parsed.tags()).containsExactly(FocusTag.HARDSHIP, FocusTag.ABROAD);
        assertThat(parsed.unknown()).isEmpty();
    }

    @Test
    void readsEveryLabelAndToleratesCommasSpacesAndRepeats() {
        FocusTag.Parsed parsed = FocusTag.parseLabels(" 建国前老党员 , 80岁以上，患大病党员；毕业生、困难党员、困难党员、出国境 ");

        assertThat(parsed.tags()).isEqualTo(EnumSet.allOf(FocusTag.class));
        assertThat(parsed.unknown()).isEmpty();
    }

    @Test
    void aBlankCellHasNoTags() {
        assertThat(FocusTag.parseLabels(null).tags()).isEmpty();
        assertThat(FocusTag.parseLabels(" 、 ").tags()).isEmpty();
        assertThat(FocusTag.parseLabels(" 、 ").unknown()).isEmpty();
    }

    @Test
    void aLabelThatIsNoTagIsReportedAsItWasWritten() {
        FocusTag.Parsed parsed = FocusTag.parseLabels("困难党员、老干部、出国");

        assertThat(parsed.tags()).containsExactly(FocusTag.HARDSHIP);
        assertThat(parsed.unknown()).containsExactly("老干部", "出国");
    }

    @Test
    void theEnglishNamesAreReadToo() {
        assertThat(FocusTag.parseLabels("hardship、OVER_80").tags()).containsExactly(FocusTag.OVER_80, FocusTag.HARDSHIP);
    }

    @Test
    void writesTheLabelsInTheOrderOfTheEnumSoThatTheExportReadsBack() {
        String cell = FocusTag.labels(List.of(FocusTag.GRADUATE, FocusTag.VETERAN_PRE_1949, FocusTag.HARDSHIP));

        assertThat(cell).isEqualTo("建国前老党员、困难党员、毕业生");
        assertThat(FocusTag.parseLabels(cell).tags()).containsExactly(FocusTag.VETERAN_PRE_1949, FocusTag.HARDSHIP,
                FocusTag.GRADUATE);
        assertThat(FocusTag.labels(List.of())).isNull();
    }
}
