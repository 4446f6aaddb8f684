package cn.lianxin.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;

import cn.lianxin.contracts.CloudEventHeaders;
import cn.lianxin.platform.events.DeadLetterQueue;
import cn.lianxin.platform.inbox.ProcessedEvent;

/**
 * Events are checked against their schema at the door, before a consumer of member-service's events applies them: a
 * MemberRegistered with a 150,000-character name (the schema allows 50) goes to {@code member.events.dlq} with the
 * reason and leaves nothing behind; the good one after it on the same key is applied. A service's
 * {@code EventsAtTheDoorTest} (a {@code @QuarkusTest}) extends this; tracking-service's tries more kinds of bad record.
 */
public abstract class OversizedEventContract {

    private static final String REGISTERED = "lianxin.member.MemberRegistered.v1";

    private final KafkaEvents events = KafkaEvents.forTests();

    @Test
    void anOversizedNameIsDeadLetteredAndNothingIsStored() {
        UUID member = UUID.randomUUID();
        UUID branch = UUID.randomUUID();

        UUID rejected = events.publish("member.events", REGISTERED, member, registered(member, branch, "张".repeat(150_000)));
        UUID good = events.publish("member.events", REGISTERED, member, registered(member, branch, "张伟"));

        await().atMost(Duration.ofSeconds(20)).until(() -> processed(good) == 1 && deadLetter(rejected) != null);
        assertThat(KafkaEvents.header(deadLetter(rejected), DeadLetterQueue.REASON_HEADER)).isEqualTo("schema: maxLength at /name");
        assertThat(processed(rejected)).isZero();
    }

    private static long processed(UUID eventId) {
        return QuarkusTransaction.requiringNew().call(() -> ProcessedEvent.count("eventId", eventId));
    }

    private ConsumerRecord<String, String> deadLetter(UUID eventId) {
        return events.all("member.events.dlq").stream()
                .filter(r -> eventId.toString().equals(KafkaEvents.header(r, CloudEventHeaders.ID))).findFirst().orElse(null);
    }

    private static String registered(UUID member, UUID branch, String name) {
        return """
                {"memberId": "%s", "orgId": "%s", "orgPath": ["%s"], "name": "%s", "gender": "FEMALE",
                 "category": "FULL", "standing": "ACTIVE", "joinedAt": "2010-07-01",
                 "registeredAt": "2024-01-10T09:00:00+08:00", "contact": {"phone": "13900139000"}, "flowing": false}
                """.formatted(member, branch, branch, name);
    }
}
