package cn.lianxin.platform.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import cn.lianxin.platform.problem.Problem;
import cn.lianxin.platform.problem.ProblemException;

class ScanAsOfTest {

    private static final Instant NOW = Instant.parse("2027-03-01T02:00:00Z");
    private static final Duration SKEW = Duration.ofMinutes(5);
    private static final Instant EARLIEST = OffsetDateTime.parse("1921-07-01T00:00:00+08:00").toInstant();

    private final ScanAsOf rule = new ScanAsOf(Clock.fixed(NOW, ZoneOffset.UTC), SKEW, EARLIEST);

    @Test
    void acceptsThePresentThePastDownToTheFloorAndTheSkewAhead() {
        assertThat(rule.require(NOW)).isEqualTo(NOW);
        assertThat(rule.require(NOW.minus(Duration.ofDays(365)))).isEqualTo(NOW.minus(Duration.ofDays(365)));
        assertThat(rule.require(EARLIEST)).isEqualTo(EARLIEST);
        assertThat(rule.require(NOW.plus(SKEW))).isEqualTo(NOW.plus(SKEW));
    }

    @Test
    void refusesTheFutureBeyondTheSkewAs422NamingAsOf() {
        assertRefused(NOW.plus(SKEW).plusNanos(1), "must not be later than the service's clock (2027-03-01T02:00:00Z) by more than PT5M");
        assertRefused(Instant.parse("9999-12-31T23:59:59Z"), "must not be later than");
    }

    @Test
    void refusesWhatLiesBeforeTheFloor() {
        assertRefused(EARLIEST.minusNanos(1), "must not be before 1921-06-30T16:00:00Z");
        assertRefused(Instant.parse("1900-01-01T00:00:00Z"), "must not be before");
    }

    @Test
    void followsTheTravelledClockWhereTimeTravelMovedIt() {
        AdjustableClock clock = new AdjustableClock(Clock.fixed(NOW, ZoneOffset.UTC));
        ScanAsOf travelling = new ScanAsOf(clock, SKEW, EARLIEST);
        Instant monthsAhead = NOW.plus(Duration.ofDays(92));
        assertThatThrownBy(() -> travelling.require(monthsAhead)).isInstanceOf(ProblemException.class);

        clock.travelTo(monthsAhead);
        assertThat(travelling.require(monthsAhead)).isEqualTo(monthsAhead);
    }

    @Test
    void aZeroSkewAllowsExactlyNowAndANegativeOneIsAConfigurationError() {
        ScanAsOf strict = new ScanAsOf(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ZERO, EARLIEST);
        assertThat(strict.require(NOW)).isEqualTo(NOW);
        assertThatThrownBy(() -> strict.require(NOW.plusNanos(1))).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> new ScanAsOf(Clock.systemUTC(), Duration.ofSeconds(-1), EARLIEST))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private void assertRefused(Instant asOf, String message) {
        assertThatThrownBy(() -> rule.require(asOf)).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.status()).isEqualTo(422);
            Problem problem = e.toProblem();
            assertThat(problem.errors()).singleElement().satisfies(error -> {
                assertThat(error.field()).isEqualTo("asOf");
                assertThat(error.message()).startsWith(message);
            });
        });
    }
}
