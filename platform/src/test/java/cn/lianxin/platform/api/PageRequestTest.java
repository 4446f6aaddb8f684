package cn.lianxin.platform.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import cn.lianxin.platform.problem.ProblemException;

class PageRequestTest {

    @Test
    void theLargestAllowedPageStillHasAnIntOffset() {
        assertThat(PageRequest.of(PageRequest.MAX_PAGE, PageRequest.MAX_SIZE).offset()).isEqualTo(2_000_000_000);
        assertThat(PageRequest.of(3, 50).offset()).isEqualTo(150);
    }

    @Test
    void anOffsetBeyondAnIntIsA400NamingPageNeverAWrapRound() {
        assertThatThrownBy(() -> PageRequest.of(Integer.MAX_VALUE, 200).offset())
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.toProblem().errors()).extracting(f -> f.field()).containsExactly("page");
                });
        assertThatThrownBy(() -> PageRequest.of(21_474_837, 200).offset()).isInstanceOf(ProblemException.class);
    }
}
