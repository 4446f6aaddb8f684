package cn.lianxin.platform.outbox;

import static cn.lianxin.platform.sql.SqlValues.instant;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

import cn.lianxin.contracts.CloudEventHeaders;
import cn.lianxin.platform.observability.Traceparent;

/**
 * Publishes committed outbox rows to Kafka as CloudEvents, in append order, and marks them published once
 * the broker has acknowledged them (acks=all). At-least-once: a crash between ack and commit republishes,
 * and consumers de-duplicate on ce_id.
 *
 * <p>Several instances are safe: a transaction-scoped advisory lock (per schema, so services sharing a
 * database do not block each other) elects one relay per tick, and rows are claimed with
 * {@code FOR UPDATE SKIP LOCKED}. Rows are selected by {@code published_at IS NULL}, never by a cursor on
 * {@code seq}: a transaction that commits late with a lower seq would be skipped by a cursor.
 *
 * <p>Each record carries the {@code traceparent} header of a publish span whose parent is the row's stored
 * {@link Traceparent}: a consumer continues the trace of whatever appended the event.
 */
@ApplicationScoped
@Startup // its gauges (lianxin.outbox.pending, …) exist from start-up, not from the first scheduled poll
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final EntityManager em;
    private final MutinyEmitter<String> emitter;
    private final OutboxConfig config;
    private final Clock clock;
    /**
     * A plain thread of its own: a managed executor would propagate the committing caller's transaction context
     * into the drain, which must always run in transactions of its own.
     */
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "outbox-relay");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean wakeRequested = new AtomicBoolean();
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong oldestPendingAgeSeconds = new AtomicLong();
    private final MeterRegistry registry;
    private final List<Gauge> gauges;

    public OutboxRelay(EntityManager em, @Channel("outbox") MutinyEmitter<String> emitter, OutboxConfig config,
            Clock clock, MeterRegistry registry) {
        this.em = em;
        this.emitter = emitter;
        this.config = config;
        this.clock = clock;
        this.registry = registry;
        this.gauges = List.of(
                Gauge.builder("lianxin.outbox.pending", pending, AtomicLong::get).strongReference(true).register(registry),
                Gauge.builder("lianxin.outbox.oldest.pending.age.seconds", oldestPendingAgeSeconds, AtomicLong::get)
                        .strongReference(true).register(registry));
    }

    /**
     * On shutdown, before the persistence unit closes: no new drains, and the running one may finish its batch
     * (what it cannot publish stays in the outbox for the next start).
     */
    void stop(@Observes ShutdownEvent shutdown) {
        // A registry may outlive this instance (Quarkus tests restart the application in one JVM): a gauge left
        // behind would keep reading this instance's counters, and the next instance's registration would be ignored.
        gauges.forEach(registry::remove);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(config.sendTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** Called after a transaction that appended events commits, so that they leave without waiting for the poll. */
    void wakeUp() {
        wakeRequested.set(true);
        scheduleDrain();
    }

    @Scheduled(every = "${lianxin.outbox.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void poll() {
        wakeUp();
    }

    /** Every drain runs on the relay's own thread, so that shutdown can wait for the one in progress. */
    private void scheduleDrain() {
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException stopping) {
            // shutting down: what is pending stays in the outbox for the next start
        }
    }

    /** Publishes until nothing is pending; one drain at a time per instance. */
    private void drain() {
        if (!draining.compareAndSet(false, true)) {
            return; // the running drain sees wakeRequested and loops again
        }
        try {
            while (wakeRequested.getAndSet(false) && !stopping()) {
                while (QuarkusTransaction.requiringNew().call(this::publishBatch) == config.batchSize() && !stopping()) {
                    // a full batch: there may be more
                }
            }
            if (!stopping()) {
                QuarkusTransaction.requiringNew().run(this::measureLag);
            }
        } finally {
            draining.set(false);
        }
        if (wakeRequested.get() && !stopping()) {
            scheduleDrain(); // woken between the last check and the release
        }
    }

    private boolean stopping() {
        return executor.isShutdown();
    }

    /** Publishes one batch; returns how many rows were marked published. */
    int publishBatch() {
        if (!isLeader()) {
            return 0;
        }
        List<PendingEvent> batch = claimBatch();
        List<CompletableFuture<Void>> acks = new ArrayList<>(batch.size());
        // Sent with the transaction suspended: context propagation would otherwise associate it with the Kafka
        // callback thread too, and the commit then fails ("multiple threads active", enlisted connection).
        QuarkusTransaction.suspendingExisting().run(() -> {
            for (PendingEvent event : batch) {
                acks.add(emitter.sendMessage(toMessage(event)).subscribeAsCompletionStage());
            }
        });
        List<UUID> published = new ArrayList<>(batch.size());
        Set<String> blockedKeys = new HashSet<>();
        // One deadline for the whole batch: waiting sendTimeout for each unacknowledged event in turn (the broker
        // gone) would outlast the transaction timeout, and the batch's transaction would be rolled back under it.
        long deadline = System.nanoTime() + config.sendTimeout().toNanos();
        for (int i = 0; i < batch.size(); i++) {
            PendingEvent event = batch.get(i);
            // Per-key order: after a failed send, later events of that key wait for the next tick.
            if (acknowledged(acks.get(i), event, deadline) && !blockedKeys.contains(event.key())) {
                published.add(event.id());
            } else {
                blockedKeys.add(event.key());
            }
        }
        if (!published.isEmpty()) {
            em.createNativeQuery("UPDATE outbox_event SET published_at = :now WHERE id IN (:ids)")
                    .setParameter("now", clock.instant())
                    .setParameter("ids", published)
                    .executeUpdate();
        }
        return published.size();
    }

    /** Unpublished events, for the lag metric and for tests. */
    public long pendingCount() {
        return pending.get();
    }

    private boolean isLeader() {
        Object locked = em.createNativeQuery(
                "SELECT pg_try_advisory_xact_lock(hashtext(current_schema() || '.outbox_relay'))")
                .getSingleResult();
        return Boolean.TRUE.equals(locked);
    }

    @SuppressWarnings("unchecked")
    private List<PendingEvent> claimBatch() {
        List<Object[]> rows = em.createNativeQuery("""
                SELECT id, topic, event_key, type, subject, occurred_at, CAST(payload AS text), traceparent
                FROM outbox_event
                WHERE published_at IS NULL
                ORDER BY seq
                LIMIT :limit
                FOR UPDATE SKIP LOCKED
                """)
                .setParameter("limit", config.batchSize())
                .getResultList();
        return rows.stream().map(PendingEvent::of).toList();
    }

    private boolean acknowledged(CompletableFuture<Void> ack, PendingEvent event, long deadline) {
        try {
            ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            LOG.warnf(e, "Publishing %s %s to %s failed; it stays in the outbox", event.type(), event.id(), event.topic());
            return false;
        }
    }

    private Message<String> toMessage(PendingEvent event) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CloudEventHeaders.SPECVERSION, CloudEventHeaders.SPEC_VERSION.getBytes(UTF_8));
        headers.add(CloudEventHeaders.ID, event.id().toString().getBytes(UTF_8));
        headers.add(CloudEventHeaders.TYPE, event.type().getBytes(UTF_8));
        headers.add(CloudEventHeaders.SOURCE, config.source().getBytes(UTF_8));
        headers.add(CloudEventHeaders.SUBJECT, event.subject().getBytes(UTF_8));
        headers.add(CloudEventHeaders.TIME, DateTimeFormatter.ISO_OFFSET_DATE_TIME
                .format(event.occurredAt().atOffset(ZoneOffset.UTC)).getBytes(UTF_8));
        headers.add(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.CONTENT_TYPE_JSON.getBytes(UTF_8));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String> builder()
                .withTopic(event.topic())
                .withKey(event.key())
                .withHeaders(headers)
                .build();
        // SmallRye's Kafka tracing starts the publish span as a child of the span that appended the event (a new trace
        // when the row has none) and writes that span's traceparent header on the record.
        return Message.of(event.payload()).addMetadata(metadata)
                .addMetadata(TracingMetadata.withCurrent(Traceparent.parent(event.traceparent())));
    }

    private void measureLag() {
        Object[] row = (Object[]) em.createNativeQuery(
                "SELECT count(*), min(occurred_at) FROM outbox_event WHERE published_at IS NULL").getSingleResult();
        pending.set(((Number) row[0]).longValue());
        Instant oldest = instant(row[1]);
        oldestPendingAgeSeconds.set(oldest == null ? 0 : Math.max(0, clock.instant().getEpochSecond() - oldest.getEpochSecond()));
    }

    private record PendingEvent(UUID id, String topic, String key, String type, String subject, Instant occurredAt,
            String payload, String traceparent) {

        static PendingEvent of(Object[] row) {
            return new PendingEvent((UUID) row[0], (String) row[1], (String) row[2], (String) row[3], (String) row[4],
                    instant(row[5]), (String) row[6], (String) row[7]);
        }
    }
}
