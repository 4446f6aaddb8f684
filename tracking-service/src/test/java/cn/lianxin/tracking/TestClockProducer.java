package cn.lianxin.tracking;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import cn.lianxin.testing.TestClock;

/**
 * This module's tests run on testing's {@link TestClock}: the system clock unless a test pins it (the campaigns'
 * windows, their reminders and their close are days of the calendar, and a scan may not look ahead of the clock).
 */
public class TestClockProducer {

    @Produces
    @Singleton
    TestClock clock() {
        return new TestClock();
    }
}
