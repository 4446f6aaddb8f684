package cn.lianxin.platform.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import cn.lianxin.platform.problem.ProblemException;

class IfMatchTest {

    @Test
    void theETagIsTheVersionAsAStrongQuotedTag() {
        assertThat(Versioned.etag(3)).isEqualTo("\"3\"");
        assertThat(new Versioned<>("body", 12).etag()).isEqualTo("\"12\"");
    }

    @Test
    void theCurrentVersionAnyTagOfAListOrTheWildcardMatches() {
        assertThat(IfMatch.matches("\"3\"", 3)).isTrue();
        assertThat(IfMatch.matches("\"1\", \"3\"", 3)).isTrue();
        assertThat(IfMatch.matches("*", 3)).isTrue();
    }

    @Test
    void anotherVersionAWeakTagOrAnUnquotedNumberDoesNotMatch() {
        assertThat(IfMatch.matches("\"2\"", 3)).isFalse();
        assertThat(IfMatch.matches("W/\"3\"", 3)).isFalse();
        assertThat(IfMatch.matches("3", 3)).isFalse();
        assertThat(IfMatch.matches("\"33\"", 3)).isFalse();
    }

    @Test
    void aMissingHeaderIs428AndAStaleOneIs412BothNamingTheHeader() {
        assertThatThrownBy(() -> IfMatch.of(null).check("Member", "m1", 3)).isInstanceOfSatisfying(ProblemException.class,
                e -> {
                    assertThat(e.status()).isEqualTo(428);
                    assertThat(e.toProblem().errors()).extracting("field").containsExactly("If-Match");
                });
        assertThatThrownBy(() -> IfMatch.of(" ").check("Member", "m1", 3)).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.status()).isEqualTo(428));
        assertThatThrownBy(() -> IfMatch.of("\"2\"").check("Member", "m1", 3)).isInstanceOfSatisfying(ProblemException.class,
                e -> {
                    assertThat(e.status()).isEqualTo(412);
                    assertThat(e.getMessage()).contains("\"3\"");
                    assertThat(e.toProblem().errors()).extracting("field").containsExactly("If-Match");
                });
        IfMatch.of("\"3\"").check("Member", "m1", 3);
    }
}
