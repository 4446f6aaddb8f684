package cn.lianxin.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import cn.lianxin.member.service.MemberEvents;
import cn.lianxin.member.service.MemberEvents.Contact;
import cn.lianxin.member.service.MemberEvents.OrgSnapshot;
import cn.lianxin.platform.outbox.Outbox;
import cn.lianxin.testing.KafkaEvents;
import cn.lianxin.testing.LianxinTestResource;

@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class OutboxRelayTest {

    private final KafkaEvents events = KafkaEvents.forTests();

    @Inject
    Outbox outbox;

    @Inject
    EntityManager em;

    @Test
    void publishesAnEventWhoseTransactionCommitsAfterALaterOne() throws Exception {
        UUID early = UUID.randomUUID();
        UUID late = UUID.randomUUID();
        CountDownLatch appended = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread slowTransaction = new Thread(() -> QuarkusTransaction.requiringNew().run(() -> {
            outbox.append(MemberEvents.ORG_CREATED, early, org(early, "先写后提交"));
            appended.countDown();
            awaitQuietly(release);
        }));
        slowTransaction.start();
        assertThat(appended.await(10, TimeUnit.SECONDS)).isTrue();

        QuarkusTransaction.requiringNew().run(() -> outbox.append(MemberEvents.ORG_CREATED, late, org(late, "后写先提交")));
        events.await("member.events", MemberEvents.ORG_CREATED, late);

        release.countDown();
        slowTransaction.join(10_000);
        events.await("member.events", MemberEvents.ORG_CREATED, early);
        await().atMost(Duration.ofSeconds(10)).until(() -> unpublished(early, late) == 0);
    }

    @Test
    void keepsTheOrderOfEventsAboutOneKey() {
        UUID org = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            outbox.append(MemberEvents.ORG_CREATED, org, org(org, "第一"));
            outbox.append(MemberEvents.ORG_CHANGED, org, new MemberEvents.OrgChanged(org(org, "第二"), List.of("name")));
        });
        QuarkusTransaction.requiringNew().run(() -> outbox.append(MemberEvents.ORG_CHANGED, org,
                new MemberEvents.OrgChanged(org(org, "第三"), List.of("name"))));

        await().atMost(Duration.ofSeconds(20)).until(() -> recordsOf(org).size() == 3);
        List<ConsumerRecord<String, String>> records = recordsOf(org);
        assertThat(records).extracting(ConsumerRecord::partition).containsOnly(records.get(0).partition());
        assertThat(records).extracting(r -> KafkaEvents.payload(r).path("name").asText())
                .containsExactly("第一", "第二", "第三");
        records.forEach(KafkaEvents::assertValidEnvelope);
    }

    private List<ConsumerRecord<String, String>> recordsOf(UUID key) {
        return events.all("member.events").stream()
                .filter(r -> key.toString().equals(r.key()))
                .sorted(java.util.Comparator.comparingLong(ConsumerRecord::offset))
                .toList();
    }

    private long unpublished(UUID... keys) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM outbox_event WHERE published_at IS NULL AND event_key IN (:keys)")
                .setParameter("keys", java.util.Arrays.stream(keys).map(UUID::toString).toList())
                .getSingleResult()).longValue());
    }

    private static OrgSnapshot org(UUID id, String name) {
        return new OrgSnapshot(id, name, "COMMITTEE", null, List.of(id), new Contact("张书记", "13800138000", null, null),
                null, null, null);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
