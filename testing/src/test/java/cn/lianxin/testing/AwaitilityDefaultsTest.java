package cn.lianxin.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.LauncherSessionListener;

import io.quarkus.test.junit.callback.QuarkusTestBeforeClassCallback;

class AwaitilityDefaultsTest {

    @Test
    void checksComeQuicklyAtFirstThenEveryTenthOfASecond() {
        List<Long> intervals = new ArrayList<>();
        Duration interval = AwaitilityDefaults.FIRST_INTERVAL;
        for (int i = 0; i < 7; i++) {
            intervals.add(interval.toMillis());
            interval = AwaitilityDefaults.next(interval);
        }
        assertThat(intervals).containsExactly(10L, 20L, 40L, 80L, 100L, 100L, 100L);
    }

    @Test
    void bothTheLauncherAndQuarkusFindIt() {
        assertThat(ServiceLoader.load(LauncherSessionListener.class).stream().map(ServiceLoader.Provider::type))
                .contains(AwaitilityDefaults.class);
        assertThat(ServiceLoader.load(QuarkusTestBeforeClassCallback.class).stream().map(ServiceLoader.Provider::type))
                .contains(AwaitilityDefaults.class);
    }
}
