package cn.lianxin.platform.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The service's clock: the system clock, moved forward by an offset that only a rehearsal environment may set
 * (see {@link TimeTravelResource}). With no offset it is {@code Clock.systemUTC()}.
 */
public final class AdjustableClock extends Clock {

    private final Clock system;
    private volatile Duration offset = Duration.ZERO;

    public AdjustableClock(Clock system) {
        this.system = system;
    }

    /**
     * Moves the clock forward so that it reads at least {@code now}, ticking on from there. Never goes back: an
     * instant this clock has already passed changes nothing, so that several services can be brought to one
     * instant in any order.
     */
    public synchronized void travelTo(Instant now) {
        Duration newOffset = Duration.between(system.instant(), now);
        if (newOffset.compareTo(offset) > 0) {
            offset = newOffset;
        }
    }

    public Duration offset() {
        return offset;
    }

    @Override
    public Instant instant() {
        return system.instant().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(system.withZone(zone), offset);
    }
}
