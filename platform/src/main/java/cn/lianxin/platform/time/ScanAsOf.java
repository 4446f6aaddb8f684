package cn.lianxin.platform.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import cn.lianxin.platform.problem.Problem.FieldError;
import cn.lianxin.platform.problem.ProblemException;

/**
 * Which {@code asOf} a scan accepts: not before {@link ScanAsOfConfig#earliest()} and not later than the service's
 * clock plus {@link ScanAsOfConfig#maxFutureSkew()}. A scan writes what cannot be taken back (findings recorded once
 * per period, clocks moved on, case escalations, events that other services act on), so a scan at 9999-12-31 would
 * open case files and send notifications dated then. The clock is the injected one: where time travel is enabled
 * ({@link TimeTravelResource}) it is the travelled clock, so moving the clock stays the only way to scan ahead, and
 * only there.
 */
@Singleton
public class ScanAsOf {

    public static final String FIELD = "asOf";

    private final Clock clock;
    private final Duration maxFutureSkew;
    private final Instant earliest;

    @Inject
    public ScanAsOf(Clock clock, ScanAsOfConfig config) {
        this(clock, config.maxFutureSkew(), config.earliest().toInstant());
    }

    public ScanAsOf(Clock clock, Duration maxFutureSkew, Instant earliest) {
        if (maxFutureSkew.isNegative()) {
            throw new IllegalArgumentException("lianxin.scans.as-of.max-future-skew must not be negative: " + maxFutureSkew);
        }
        this.clock = clock;
        this.maxFutureSkew = maxFutureSkew;
        this.earliest = earliest;
    }

    /** @return {@code asOf}, when a scan may run at it; otherwise a 422 naming the field {@code asOf} */
    public Instant require(Instant asOf) {
        if (asOf.isBefore(earliest)) {
            throw refused("must not be before " + earliest + ", the earliest instant the system holds data for");
        }
        Instant now = clock.instant();
        if (asOf.isAfter(now.plus(maxFutureSkew))) {
            throw refused("must not be later than the service's clock (" + now + ") by more than " + maxFutureSkew);
        }
        return asOf;
    }

    private static ProblemException refused(String message) {
        return ProblemException.unprocessable(FIELD + ": " + message, List.of(new FieldError(FIELD, message)));
    }
}
