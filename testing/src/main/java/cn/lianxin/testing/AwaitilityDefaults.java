package cn.lianxin.testing;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.awaitility.pollinterval.IterativePollInterval;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import io.quarkus.test.junit.callback.QuarkusTestBeforeClassCallback;

/**
 * Awaitility's defaults for every test JVM that has this module on its class path: the first check at once, then 10,
 * 20, 40 and 80 ms apart, and every 100 ms after that. Awaitility's own defaults wait 100 ms before the first check and
 * 100 ms between checks, so every wait cost at least a tenth of a second, even for a condition that already held (an
 * event already consumed, a case already opened), and 50 ms more than the condition took on average: thousands of
 * waits a run (case-service's role matrix alone: 74.6 s before, 47.6 s after). A wait that sets its own poll interval
 * or delay keeps it.
 *
 * <p>Registered in META-INF/services twice: as a launcher session listener, for the classes of the JVM's own class
 * loader, and as a Quarkus callback, for a {@code @QuarkusTest}, whose class loader loads Awaitility anew.
 */
public final class AwaitilityDefaults implements LauncherSessionListener, QuarkusTestBeforeClassCallback {

    static final Duration FIRST_INTERVAL = Duration.ofMillis(10);
    static final Duration LONGEST_INTERVAL = Duration.ofMillis(100);

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        apply();
    }

    @Override
    public void beforeClass(Class<?> testClass) {
        apply();
    }

    /** Sets the defaults of the Awaitility this class was loaded with. */
    static void apply() {
        Awaitility.setDefaultPollDelay(Duration.ZERO);
        Awaitility.setDefaultPollInterval(new IterativePollInterval(AwaitilityDefaults::next, FIRST_INTERVAL));
    }

    static Duration next(Duration previous) {
        Duration doubled = previous.multipliedBy(2);
        return doubled.compareTo(LONGEST_INTERVAL) > 0 ? LONGEST_INTERVAL : doubled;
    }
}
