package cn.lianxin.platform.outbox;

import java.time.Clock;
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

/**
 * Records an event in the same transaction as the state change it describes (transactional outbox):
 * either both commit or neither does. {@link OutboxRelay} publishes it afterwards.
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
                INSERT INTO outbox_event (id, topic, event_key, type, subject, occurred_at, payload)
                VALUES (:id, :topic, :key, :type, :key, :occurredAt, CAST(:payload AS jsonb))
                """)
                .setParameter("id", id)
                .setParameter("topic", EventType.parse(ceType).topic())
                .setParameter("key", key.toString())
                .setParameter("type", ceType)
                .setParameter("occurredAt", clock.instant())
                .setParameter("payload", json(payload))
                .executeUpdate();
        wakeRelayAfterCommit();
        return id;
    }

    /**
     * For events written to {@code outbox_event} by SQL (set-based scans) rather than through {@link #append}: wakes
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
