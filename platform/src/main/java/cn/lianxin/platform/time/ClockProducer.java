package cn.lianxin.platform.time;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.arc.DefaultBean;

/**
 * The system clock, adjustable forward only where time travel is enabled ({@link TimeTravelResource}); a
 * service's tests may replace it with their own {@code Clock} bean.
 */
@ApplicationScoped
public class ClockProducer {

    @Produces
    @DefaultBean
    @Singleton // no client proxy: TimeTravelResource must see the AdjustableClock itself
    Clock clock() {
        return new AdjustableClock(Clock.systemUTC());
    }
}
