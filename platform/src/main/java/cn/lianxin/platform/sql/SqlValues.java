package cn.lianxin.platform.sql;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;

/**
 * Values of native query rows as the services use them. A {@code timestamptz} column comes back as an
 * {@code Instant}, an {@code OffsetDateTime} or a {@code Timestamp} depending on the driver and Hibernate's mapping;
 * every repository reads it through here.
 */
public final class SqlValues {

    private SqlValues() {
    }

    /** The instant of a timestamp column; null for SQL NULL. */
    public static Instant instant(Object value) {
        if (value == null || value instanceof Instant) {
            return (Instant) value;
        }
        if (value instanceof OffsetDateTime time) {
            return time.toInstant();
        }
        if (value instanceof ZonedDateTime time) {
            return time.toInstant();
        }
        if (value instanceof Timestamp time) {
            return time.toInstant();
        }
        throw new IllegalArgumentException("not a timestamp: " + value.getClass().getName());
    }
}
