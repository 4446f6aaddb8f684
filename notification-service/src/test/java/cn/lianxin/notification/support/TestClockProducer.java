package cn.lianxin.notification.support;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import cn.lianxin.testing.TestClock;

/** This module's tests run on testing's {@link TestClock} instead of the platform's clock. */
public class TestClockProducer {

    @Produces
    @Singleton
    TestClock clock() {
        return new TestClock();
    }
}
