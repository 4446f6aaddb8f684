package cn.lianxin.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.lianxin.platform.outbox.EventIds;

class EventIdsTest {

    @Test
    void isAVersion7UuidCarryingTheMillisecondsOfItsClock() {
        Instant at = Instant.parse("2026-11-29T08:30:15.123Z");
        UUID id = EventIds.next(Clock.fixed(at, ZoneOffset.UTC));

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2); // RFC 9562
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(at.toEpochMilli());
    }

    @Test
    void idsOfLaterMillisecondsSortAfterEarlierOnesAndNeverRepeat() {
        Instant at = Instant.parse("2026-11-29T08:30:15.123Z");
        UUID earlier = EventIds.next(Clock.fixed(at, ZoneOffset.UTC));
        UUID later = EventIds.next(Clock.fixed(at.plusMillis(1), ZoneOffset.UTC));
        UUID sameMillisecond = EventIds.next(Clock.fixed(at, ZoneOffset.UTC));

        // PostgreSQL orders uuid bytewise, i.e. as unsigned: the timestamp in the top bits decides
        assertThat(Long.compareUnsigned(earlier.getMostSignificantBits(), later.getMostSignificantBits())).isNegative();
        assertThat(sameMillisecond).isNotEqualTo(earlier);
    }
}
