package cn.lianxin.platform.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.PersistenceException;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import cn.lianxin.platform.events.ConsumptionStopped;
import cn.lianxin.platform.events.IncomingEvent;
import cn.lianxin.platform.events.MalformedEventException;

class ConsumerRetryTest {

    static final IncomingEvent EVENT = new IncomingEvent(UUID.randomUUID(), "lianxin.member.MemberRegistered.v1",
            "/member-service", null, Instant.EPOCH, "key", null);
    static final RuntimeException DATABASE_AWAY = new PersistenceException("could not prepare statement",
            new SQLException("The connection attempt failed.", "08001"));
    static final RuntimeException DEADLOCK = new PersistenceException(new SQLException("deadlock detected", "40P01"));
    static final RuntimeException DEFECT = new IllegalArgumentException("no such org");

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final RecordedPause pause = new RecordedPause();
    final ConsumerRetry retry = new ConsumerRetry(new Settings(), registry, pause);

    @Test
    void aTransientFailureIsRetriedAsLongAsItLastsWithAWaitThatDoublesUpToItsMaximum() {
        Attempts attempts = new Attempts(DATABASE_AWAY, 9);

        retry.run("member.events", EVENT, attempts);

        assertThat(attempts.made).isEqualTo(10);
        assertThat(pause.waits).extracting(Duration::toMillis)
                .containsExactly(500L, 1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 30_000L, 30_000L, 30_000L);
        assertThat(registry.counter(ConsumerRetry.RETRIED_METRIC, "topic", "member.events", "reason", "transient").count())
                .isEqualTo(9);
    }

    @Test
    void aDeadlockOrSerializationFailureIsTransientToo() {
        Attempts attempts = new Attempts(DEADLOCK, 5);

        retry.run("member.events", EVENT, attempts);

        assertThat(attempts.made).isEqualTo(6);
    }

    @Test
    void anyOtherFailureIsTriedThreeTimesThenPassedOnToTheDeadLetterStrategy() {
        Attempts attempts = new Attempts(DEFECT, Integer.MAX_VALUE);

        assertThatThrownBy(() -> retry.run("member.events", EVENT, attempts)).isSameAs(DEFECT);

        assertThat(attempts.made).isEqualTo(3);
        assertThat(registry.counter(ConsumerRetry.RETRIED_METRIC, "topic", "member.events", "reason", "error").count())
                .isEqualTo(2);
    }

    @Test
    void aPayloadTheHandlerCannotReadIsPassedOnAtTheFirstAttempt() {
        RuntimeException malformed = new RuntimeException(new MalformedEventException("MemberFound 1 lacks memberId"));
        Attempts attempts = new Attempts(malformed, Integer.MAX_VALUE);

        assertThatThrownBy(() -> retry.run("member.events", EVENT, attempts)).isSameAs(malformed);
        assertThat(attempts.made).isEqualTo(1);
    }

    @Test
    void aFailureOnceTheServiceIsStoppingLeavesTheEventForRedeliveryInsteadOfDeadLetteringIt() {
        pause.stop();
        Attempts attempts = new Attempts(new IllegalStateException("EntityManagerFactory is closed"), 1);

        assertThatThrownBy(() -> retry.run("member.events", EVENT, attempts)).isInstanceOf(ConsumptionStopped.class)
                .satisfies(stopped -> assertThat(ConsumptionStopped.in(new RuntimeException(stopped))).isTrue());
        assertThat(attempts.made).isEqualTo(1);
    }

    @Test
    void stoppingDuringTheWaitOfAnOutageEndsTheRetriesWithoutDeadLettering() {
        pause.stopAfterWaits = 3;
        Attempts attempts = new Attempts(DATABASE_AWAY, Integer.MAX_VALUE);

        assertThatThrownBy(() -> retry.run("member.events", EVENT, attempts)).isInstanceOf(ConsumptionStopped.class);
        assertThat(attempts.made).isEqualTo(3);
    }

    @Test
    void anEventAppliedAtTheFirstAttemptNeverWaits() {
        Attempts attempts = new Attempts(DEFECT, 0);

        retry.run("member.events", EVENT, attempts);

        assertThat(attempts.made).isEqualTo(1);
        assertThat(pause.waits).isEmpty();
    }

    /** Fails {@code failures} times with {@code failure}, then succeeds. */
    static final class Attempts implements Runnable {

        final RuntimeException failure;
        final int failures;
        int made;

        Attempts(RuntimeException failure, int failures) {
            this.failure = failure;
            this.failures = failures;
        }

        @Override
        public void run() {
            made++;
            if (made <= failures) {
                throw failure;
            }
        }
    }

    /** Records the waits instead of waiting; stops after {@code stopAfterWaits} of them. */
    static final class RecordedPause implements ConsumerRetry.Pause {

        final List<Duration> waits = new ArrayList<>();
        int stopAfterWaits = Integer.MAX_VALUE;
        boolean stopped;

        @Override
        public boolean await(Duration wait) {
            waits.add(wait);
            if (waits.size() >= stopAfterWaits) {
                stopped = true;
            }
            return !stopped;
        }

        @Override
        public boolean stopped() {
            return stopped;
        }

        @Override
        public void stop() {
            stopped = true;
        }
    }

    record Settings() implements ConsumerRetryConfig {

        @Override
        public Duration firstDelay() {
            return Duration.ofMillis(500);
        }

        @Override
        public Duration maxDelay() {
            return Duration.ofSeconds(30);
        }

        @Override
        public int attemptsOnError() {
            return 3;
        }
    }
}
