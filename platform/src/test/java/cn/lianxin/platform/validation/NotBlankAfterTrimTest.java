package cn.lianxin.platform.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class NotBlankAfterTrimTest {

    private static final Pattern VISIBLE = Pattern.compile(NotBlankAfterTrim.PATTERN);

    @Test
    void textWithAVisibleCharacterAnywhereIsValidAcrossLines() {
        assertThat(VISIBLE.matcher("王建国").matches()).isTrue();
        assertThat(VISIBLE.matcher("\u3000王\u3000").matches()).isTrue();
        assertThat(VISIBLE.matcher("\n\n第一党支部\n").matches()).isTrue();
    }

    @Test
    void blanksOfEveryKindAreNot() {
        for (String blank : new String[] { "", " ", "\t\n", "\u3000\u3000", "\u00a0", "\u200b\u200d", "\ufeff" }) {
            assertThat(VISIBLE.matcher(blank).matches()).as("%s", blank.codePoints().boxed().toList()).isFalse();
        }
    }

    @Test
    void thePatternHasNoInlineFlagsThatAClientsValidatorCouldNotRead() {
        assertThat(NotBlankAfterTrim.PATTERN).doesNotContain("(?");
    }
}
