package cn.lianxin.platform.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class AdjustableClockTest {

    private final Instant systemNow = Instant.parse("2027-03-01T02:00:00Z");
    private final AdjustableClock clock = new AdjustableClock(Clock.fixed(systemNow, ZoneOffset.UTC));

    @Test
    void readsTheSystemClockUntilMoved() {
        assertThat(clock.instant()).isEqualTo(systemNow);
        assertThat(clock.offset()).isZero();
    }

    @Test
    void travelsForwardAndKeepsTheOffset() {
        clock.travelTo(systemNow.plus(Duration.ofDays(92)));
        assertThat(clock.instant()).isEqualTo(Instant.parse("2027-06-01T02:00:00Z"));
        assertThat(clock.withZone(ShanghaiCalendar.ZONE).instant()).isEqualTo(clock.instant());
    }

    @Test
    void neverGoesBack() {
        clock.travelTo(systemNow.plus(Duration.ofDays(30)));
        clock.travelTo(systemNow.plus(Duration.ofDays(29)));
        assertThat(clock.instant()).isEqualTo(systemNow.plus(Duration.ofDays(30)));
    }
}
