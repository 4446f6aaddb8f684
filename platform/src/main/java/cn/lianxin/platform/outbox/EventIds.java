package cn.lianxin.platform.outbox;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * Event ids (ce_id) as UUIDv7 (RFC 9562 §5.7): 48 bits of Unix milliseconds, then 74 random bits. Ids minted one
 * after another sort one after another, so the outbox's primary key grows at its right edge instead of taking
 * every new row into a random leaf page. SQL that writes events (tracking-service's scans) uses the same layout.
 */
public final class EventIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private EventIds() {
    }

    public static UUID next(Clock clock) {
        long unixMillis = clock.millis();
        long random = RANDOM.nextLong();
        long high = (unixMillis << 16) | 0x7000L | ((random >>> 52) & 0x0FFFL); // unix_ts_ms | ver 7 | rand_a
        long low = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // variant 10 | rand_b
        return new UUID(high, low);
    }
}
