package cn.lianxin.tracking.rest;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import cn.lianxin.platform.problem.ProblemException;

/** The {@code ?asOf=} of the read models: an ISO date-time with offset, now when absent. */
final class AsOf {

    private AsOf() {
    }

    static Instant parse(String value, Clock clock) {
        if (value == null || value.isBlank()) {
            return clock.instant();
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField("asOf", "expected an ISO date-time with offset (2027-03-01T00:00:00+08:00)");
        }
    }
}
