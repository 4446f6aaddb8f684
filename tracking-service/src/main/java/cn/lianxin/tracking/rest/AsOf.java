package cn.lianxin.tracking.rest;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import cn.lianxin.platform.problem.ProblemException;
import cn.lianxin.platform.problem.StrictJson;

/** The {@code ?asOf=} of the read models: an ISO date-time with offset, now when absent. */
final class AsOf {

    private AsOf() {
    }

    static Instant parse(String value, Clock clock) {
        if (value == null || value.isBlank()) {
            return clock.instant();
        }
        OffsetDateTime asOf;
        try {
            asOf = OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField("asOf", "expected an ISO date-time with offset (2027-03-01T00:00:00+08:00)");
        }
        // The years a body's dates may have: far beyond them, the read models' date arithmetic overflows.
        if (!StrictJson.inRange(asOf)) {
            throw ProblemException.invalidField("asOf", "must be between the years " + StrictJson.MIN_YEAR + " and "
                    + StrictJson.MAX_YEAR);
        }
        return asOf.toInstant();
    }
}
