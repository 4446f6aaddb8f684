package cn.lianxin.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import cn.lianxin.platform.retention.RetentionConfig;
import cn.lianxin.platform.retention.RetentionJob;
import cn.lianxin.testing.LianxinTestResource;

/** Issue 12: published outbox rows and processed-event rows are purged after their retention, in batches. */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class RetentionTest {

    @Inject
    RetentionJob retention;

    @Inject
    RetentionConfig config;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Test
    void theDefaultsAreAWeekForTheOutboxAndAMonthForProcessedEvents() {
        assertThat(config.outbox()).isEqualTo(Duration.ofDays(7));
        assertThat(config.processedEvents()).isEqualTo(Duration.ofDays(30));
        assertThat(config.batchSize()).isPositive();
    }

    @Test
    void publishedOutboxRowsPastTheirRetentionAreDeletedNewerOnesKept() {
        Instant now = clock.instant();
        List<UUID> old = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            old.add(outboxRow(now.minus(Duration.ofDays(8)).minusSeconds(i), now.minus(Duration.ofDays(8)).plusSeconds(i)));
        }
        UUID recent = outboxRow(now.minus(Duration.ofDays(8)), now.minus(Duration.ofDays(6)));

        RetentionJob.Purged purged = retention.purge();

        assertThat(purged.outboxEvents()).isGreaterThanOrEqualTo(5);
        assertThat(existingOutbox(old)).isEmpty();
        assertThat(existingOutbox(List.of(recent))).containsExactly(recent);
    }

    @Test
    void batchesRunUntilNothingIsLeft() {
        Instant now = clock.instant();
        List<UUID> old = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            old.add(outboxRow(now.minus(Duration.ofDays(40)), now.minus(Duration.ofDays(40))));
        }
        Instant cutoff = now.minus(Duration.ofDays(39));
        assertThat(retention.purgeOutbox(cutoff, 2)).isGreaterThanOrEqualTo(7);
        assertThat(existingOutbox(old)).isEmpty();
        // One batch deletes at most its limit.
        List<UUID> more = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            more.add(outboxRow(now.minus(Duration.ofDays(40)), now.minus(Duration.ofDays(40))));
        }
        assertThat(QuarkusTransaction.requiringNew().call(() -> retention.deleteOutboxBatch(cutoff, 2))).isEqualTo(2);
        assertThat(existingOutbox(more)).hasSize(1);
    }

    @Test
    void unpublishedOutboxRowsAreNeverDeleted() {
        Instant longAgo = clock.instant().minus(Duration.ofDays(365));
        // Inside one transaction that is rolled back: the relay never sees (and publishes) the unpublished row.
        QuarkusTransaction.begin();
        try {
            UUID unpublished = insertOutbox(longAgo, null);
            UUID published = insertOutbox(longAgo, longAgo);
            retention.deleteOutboxBatch(clock.instant(), 1000);
            assertThat(ids("SELECT id FROM outbox_event WHERE id IN (:ids)", List.of(unpublished, published)))
                    .containsExactly(unpublished);
        } finally {
            QuarkusTransaction.rollback();
        }
    }

    @Test
    void processedEventsPastTheirRetentionAreDeletedNewerOnesKept() {
        Instant now = clock.instant();
        List<UUID> old = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            old.add(processedEvent(now.minus(Duration.ofDays(31))));
        }
        UUID recent = processedEvent(now.minus(Duration.ofDays(29)));

        RetentionJob.Purged purged = retention.purge();

        assertThat(purged.processedEvents()).isGreaterThanOrEqualTo(3);
        assertThat(ids("SELECT event_id FROM processed_event WHERE event_id IN (:ids)", old)).isEmpty();
        assertThat(ids("SELECT event_id FROM processed_event WHERE event_id IN (:ids)", List.of(recent)))
                .containsExactly(recent);
        assertThat(retention.purgeProcessedEvents(now.minus(Duration.ofDays(28)), 1)).isGreaterThanOrEqualTo(1);
        assertThat(ids("SELECT event_id FROM processed_event WHERE event_id IN (:ids)", List.of(recent))).isEmpty();
    }

    private UUID outboxRow(Instant occurredAt, Instant publishedAt) {
        return QuarkusTransaction.requiringNew().call(() -> insertOutbox(occurredAt, publishedAt));
    }

    private UUID insertOutbox(Instant occurredAt, Instant publishedAt) {
        UUID id = UUID.randomUUID();
        em.createNativeQuery("""
                INSERT INTO outbox_event (id, topic, event_key, type, subject, occurred_at, payload, published_at)
                VALUES (:id, 'contact.events', :key, 'lianxin.contact.ContactRecorded.v1', :key, :occurredAt,
                        CAST('{}' AS jsonb), :publishedAt)
                """)
                .setParameter("id", id).setParameter("key", id.toString()).setParameter("occurredAt", occurredAt)
                .setParameter("publishedAt", publishedAt)
                .executeUpdate();
        return id;
    }

    private UUID processedEvent(Instant processedAt) {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                INSERT INTO processed_event (event_id, type, processed_at) VALUES (:id, 'lianxin.test.Retention.v1', :at)
                """).setParameter("id", id).setParameter("at", processedAt).executeUpdate());
        return id;
    }

    private List<UUID> existingOutbox(List<UUID> ids) {
        return QuarkusTransaction.requiringNew().call(() -> ids("SELECT id FROM outbox_event WHERE id IN (:ids)", ids));
    }

    @SuppressWarnings("unchecked")
    private List<UUID> ids(String sql, List<UUID> ids) {
        if (!QuarkusTransaction.isActive()) {
            return QuarkusTransaction.requiringNew().call(() -> ids(sql, ids));
        }
        return em.createNativeQuery(sql).setParameter("ids", ids).getResultList();
    }
}
