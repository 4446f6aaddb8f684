package cn.lianxin.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.fault.KafkaFailureHandler;

class DeadLetterQueueTest {

    /** A dead-letter handler that counts how often it was terminated. */
    static final class Counted implements KafkaFailureHandler {

        final AtomicInteger terminated = new AtomicInteger();

        @Override
        public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record, Throwable reason, Metadata metadata) {
            return Uni.createFrom().voidItem();
        }

        @Override
        public void terminate() {
            terminated.incrementAndGet();
        }
    }

    /** A channel's dead-letter handler whose making is counted in {@code made}. */
    private static DeadLetterQueue.OnFirstRejection onFirstRejection(AtomicInteger made) {
        return new DeadLetterQueue.OnFirstRejection(() -> {
            made.incrementAndGet();
            return new Counted();
        });
    }

    @Test
    void theDeadLetterHandlerIsMadeOnTheFirstRejectionAndOnceOnly() {
        AtomicInteger made = new AtomicInteger();
        DeadLetterQueue.OnFirstRejection handler = onFirstRejection(made);
        assertThat(made).as("nothing made at start").hasValue(0);

        KafkaFailureHandler first = handler.get();
        assertThat(handler.get()).isSameAs(first);
        assertThat(made).hasValue(1);
    }

    @Test
    void aChannelThatNeverRejectedStopsWithoutMakingOne() {
        AtomicInteger made = new AtomicInteger();
        DeadLetterQueue.OnFirstRejection handler = onFirstRejection(made);
        handler.terminate();

        assertThat(handler.get()).as("none made after the channel stopped").isNull();
        assertThat(made).hasValue(0);
    }

    @Test
    void stoppingTerminatesTheHandlerMadeAndNoneIsMadeAfter() {
        AtomicInteger made = new AtomicInteger();
        DeadLetterQueue.OnFirstRejection handler = onFirstRejection(made);
        Counted deadLetters = (Counted) handler.get();

        handler.terminate();

        assertThat(deadLetters.terminated).as("its producer closed").hasValue(1);
        assertThat(handler.get()).isNull();
        assertThat(made).hasValue(1);
    }
}
