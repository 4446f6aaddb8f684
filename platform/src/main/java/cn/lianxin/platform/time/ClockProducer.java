package cn.lianxin.platform.time;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.quarkus.arc.DefaultBean;

/**
 * The system clock, adjustable forward only where time travel is enabled ({@link TimeTravelResource}); a
 * service's tests may replace it with their own {@code Clock} bean.
 */
@ApplicationScoped
public class ClockProducer {

    @Produces
    @DefaultBean
    @ApplicationScoped
    Clock clock() {
        return new AdjustableClock(Clock.systemUTC());
    }
}
