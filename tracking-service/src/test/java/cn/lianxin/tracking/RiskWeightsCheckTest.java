package cn.lianxin.tracking;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Period;

import org.junit.jupiter.api.Test;

import cn.lianxin.tracking.domain.RiskWeights;
import cn.lianxin.tracking.service.RiskWeightsCheck;

/** Weights of the loss-risk score that make no sense stop the service at start-up, naming the keys. */
class RiskWeightsCheckTest {

    @Test
    void weightsThatMakeNoSenseAreRefusedNamingTheirFullKeys() {
        RiskWeights wrong = new RiskWeights(30, 5, 2, 14, 20, 10, Period.ofDays(60), 9, 27, Period.ofDays(90), 8, 16, 6, 15, 6,
                12, 12, 24, Period.ofYears(1), 8, 24);

        assertThatThrownBy(() -> RiskWeightsCheck.check(wrong))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("The weights of the loss-risk score make no sense: lianxin.tracking.risk.silence-max (10)"
                        + " must not be less than lianxin.tracking.risk.silence-per-rhythm (20)");
    }

    @Test
    void soundWeightsStart() {
        RiskWeights sound = new RiskWeights(30, 5, 2, 14, 20, 40, Period.ofDays(60), 9, 27, Period.ofDays(90), 8, 16, 6, 15, 6,
                12, 12, 24, Period.ofYears(1), 8, 24);

        assertThatCode(() -> RiskWeightsCheck.check(sound)).doesNotThrowAnyException();
    }
}
