package cn.lianxin.platform.outbox;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.lianxin.contracts.EventType;
import cn.lianxin.platform.observability.Traceparent;

/**
 * Records an event in the same transaction as the state change it describes (transactional outbox):
 * either both commit or neither does. {@link OutboxRelay} publishes it afterwards. The row keeps the current span's
 * {@link Traceparent}, so that the event continues the trace of the request (or consumed event, or scan) that caused it.
 */
@ApplicationScoped
public class Outbox {

    private final EntityManager em;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final OutboxRelay relay;
    private final TransactionSynchronizationRegistry transactions;

    public Outbox(EntityManager em, ObjectMapper mapper, Clock clock, OutboxRelay relay,
            TransactionSynchronizationRegistry transactions) {
        this.em = em;
        this.mapper = mapper;
        this.clock = clock;
        this.relay = relay;
        this.transactions = transactions;
    }

    /**
     * @param ceType  e.g. {@code lianxin.member.OrgCreated.v1}; the topic follows from it
     * @param key     the Kafka key and ce_subject: the member id (the org id for org events)
     * @param payload the event's facts, serialised as JSON
     * @return the event id (ce_id)
     */
    @Transactional(TxType.MANDATORY)
    public UUID append(String ceType, UUID key, Object payload) {
        UUID id = EventIds.next(clock);
        em.createNativeQuery("""
                INSERT INTO outbox_event (id, topic, event_key, type, subject, occurred_at, payload, traceparent)
                VALUES (:id, :topic, :key, :type, :key, :occurredAt, CAST(:payload AS jsonb), CAST(:traceparent AS text))
                """)
                .setParameter("id", id)
                .setParameter("topic", EventType.parse(ceType).topic())
                .setParameter("key", key.toString())
                .setParameter("type", ceType)
                .setParameter("occurredAt", clock.instant())
                .setParameter("payload", json(payload))
                .setParameter("traceparent", Traceparent.currentOrNull())
                .executeUpdate();
        wakeRelayAfterCommit();
        return id;
    }

    /** One event of a set for {@link #appendAll}: the member (or org) it is about, and its payload. */
    public record Keyed(UUID key, Object payload) {
    }

    /** Events per statement of {@link #appendAll}: a statement's JSON parameter stays a few megabytes at most. */
    static final int SET_SIZE = 1000;

    /**
     * Appends one event of {@code ceType} per element, in order, as {@link #append} would one by one, but in one
     * statement per {@value #SET_SIZE} events instead of a round trip (and a flush check) each: for a scan whose
     * rows come back to Java to be given typed payloads. A statement that can build its payloads in SQL appends its
     * events itself, with {@link EventRows}.
     *
     * @return the event ids (ce_id), in the order of {@code events}
     */
    @Transactional(TxType.MANDATORY)
    public List<UUID> appendAll(String ceType, List<Keyed> events) {
        String topic = EventType.parse(ceType).topic();
        Instant occurredAt = clock.instant();
        String traceparent = Traceparent.currentOrNull();
        List<UUID> ids = new ArrayList<>(events.size());
        for (int from = 0; from < events.size(); from += SET_SIZE) {
            List<Keyed> set = events.subList(from, Math.min(events.size(), from + SET_SIZE));
            StringBuilder rows = new StringBuilder(set.size() * 512).append('[');
            for (Keyed event : set) {
                UUID id = EventIds.next(clock);
                ids.add(id);
                rows.append(rows.length() == 1 ? "" : ",").append("{\"id\":\"").append(id).append("\",\"key\":\"")
                        .append(event.key()).append("\",\"payload\":").append(json(event.payload())).append('}');
            }
            em.createNativeQuery("""
                    INSERT INTO outbox_event (id, topic, event_key, type, subject, occurred_at, payload, traceparent)
                    SELECT CAST(e ->> 'id' AS uuid), :topic, e ->> 'key', :type, e ->> 'key', :occurredAt, e -> 'payload',
                        CAST(:traceparent AS text)
                    FROM jsonb_array_elements(CAST(:rows AS jsonb)) WITH ORDINALITY AS r(e, n)
                    ORDER BY r.n
                    """)
                    .setParameter("topic", topic)
                    .setParameter("type", ceType)
                    .setParameter("occurredAt", occurredAt)
                    .setParameter("rows", rows.append(']').toString())
                    .setParameter("traceparent", traceparent)
                    .executeUpdate();
        }
        if (!events.isEmpty()) {
            wakeRelayAfterCommit();
        }
        return ids;
    }

    /**
     * For events written to {@code outbox_event} by SQL (set-based scans) rather than through {@link #append}, which
     * write {@code traceparent} from {@link Traceparent#currentOrNull()} themselves: wakes
     * the relay once the current transaction commits, as {@code append} does, instead of leaving the events to its
     * next poll.
     */
    @Transactional(TxType.MANDATORY)
    public void wakeRelayAfterCommit() {
        if (transactions.getResource(Outbox.class) == null) { // once per transaction
            transactions.putResource(Outbox.class, Boolean.TRUE);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        relay.wakeUp();
                    }
                }
            });
        }
    }

    private String json(Object payload) {
        try {
            return mapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event payload is not serialisable: " + payload.getClass(), e);
        }
    }
}
