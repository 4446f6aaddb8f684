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

    /** From now on, this clock reads {@code now} and ticks on from there. Never goes back. */
    public synchronized void travelTo(Instant now) {
        Duration newOffset = Duration.between(system.instant(), now);
        if (newOffset.compareTo(offset) < 0) {
            throw new IllegalArgumentException("time only moves forward: " + now + " is before " + instant());
        }
        offset = newOffset;
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
