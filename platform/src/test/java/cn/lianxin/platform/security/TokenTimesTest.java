package cn.lianxin.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class TokenTimesTest {

    private final Instant now = Instant.parse("2026-11-29T10:00:00Z");
    private final TokenTimes times = new TokenTimes(Clock.fixed(now, ZoneOffset.UTC), 60);

    @Test
    void aTokenIssuedWithinTheClockSkewIsAccepted() {
        assertThat(times.issuedInTheFuture(now.getEpochSecond())).isFalse();
        assertThat(times.issuedInTheFuture(now.getEpochSecond() + 60)).isFalse();
        assertThat(times.issuedInTheFuture(now.getEpochSecond() - 3600)).isFalse();
    }

    @Test
    void aTokenIssuedFurtherInTheFutureIsRefused() {
        assertThat(times.issuedInTheFuture(now.getEpochSecond() + 61)).isTrue();
        assertThat(times.issuedInTheFuture(now.plusSeconds(86_400 * 365).getEpochSecond())).isTrue();
    }
}
