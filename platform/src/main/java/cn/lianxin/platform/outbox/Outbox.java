package cn.lianxin.platform.outbox;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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

import org.hibernate.Session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

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
        if (transactions.getResource(Deferred.class) instanceof Deferred deferred && deferred.open) {
            deferred.rows.add(row(id, ceType, key, clock.instant(), payload, Traceparent.currentOrNull()));
            return id;
        }
        String topic = EventType.parse(ceType).topic();
        OffsetDateTime occurredAt = clock.instant().atOffset(ZoneOffset.UTC);
        String row = json(payload);
        String traceparent = Traceparent.currentOrNull();
        run(APPEND, insert -> {
            insert.setObject(1, id);
            insert.setString(2, topic);
            insert.setString(3, key.toString());
            insert.setString(4, ceType);
            insert.setString(5, key.toString());
            insert.setObject(6, occurredAt);
            insert.setString(7, row);
            insert.setString(8, traceparent);
            insert.executeUpdate();
        });
        wakeRelayAfterCommit();
        return id;
    }

    private static final String APPEND = """
            INSERT INTO outbox_event (id, topic, event_key, type, subject, occurred_at, payload, traceparent)
            VALUES (?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?)
            """;

    /**
     * Runs {@code work}, holding back the events it {@link #append appends} (each with its own span's traceparent and
     * its own time), then writes them in order in one statement per {@value #SET_SIZE}: for a consumer applying a run of
     * events ({@code cn.lianxin.platform.inbox.SetHandler}), whose appends would otherwise each cost a round trip and
     * force Hibernate to flush (a native statement flushes the session first), which defeats batched inserts. Events
     * appended by SQL ({@link EventRows}) during {@code work} are not held back: {@code work} must not mix the two for
     * one key. Nested, the outermost writes.
     */
    @Transactional(TxType.MANDATORY)
    public void deferring(Runnable work) {
        if (transactions.getResource(Deferred.class) instanceof Deferred outer && outer.open) {
            work.run();
            return;
        }
        Deferred deferred = new Deferred();
        transactions.putResource(Deferred.class, deferred);
        try {
            work.run();
        } finally {
            deferred.open = false;
        }
        insert(deferred.rows);
    }

    /** What {@link #deferring} holds back in the current transaction. */
    private static final class Deferred {

        private final List<ObjectNode> rows = new ArrayList<>();
        private boolean open = true;
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
        Instant occurredAt = clock.instant();
        String traceparent = Traceparent.currentOrNull();
        List<UUID> ids = new ArrayList<>(events.size());
        List<ObjectNode> rows = new ArrayList<>(events.size());
        for (Keyed event : events) {
            UUID id = EventIds.next(clock);
            ids.add(id);
            rows.add(row(id, ceType, event.key(), occurredAt, event.payload(), traceparent));
        }
        insert(rows);
        return ids;
    }

    private ObjectNode row(UUID id, String ceType, UUID key, Instant occurredAt, Object payload, String traceparent) {
        ObjectNode row = mapper.createObjectNode();
        row.put("id", id.toString()).put("topic", EventType.parse(ceType).topic()).put("key", key.toString())
                .put("type", ceType).put("occurredAt", occurredAt.toString()).put("traceparent", traceparent);
        row.set("payload", mapper.valueToTree(payload));
        return row;
    }

    /** Writes {@code rows} in their order, one statement per {@value #SET_SIZE}, and wakes the relay after commit. */
    private void insert(List<ObjectNode> rows) {
        for (int from = 0; from < rows.size(); from += SET_SIZE) {
            String set = json(mapper.createArrayNode().addAll(rows.subList(from, Math.min(rows.size(), from + SET_SIZE))));
            run(APPEND_SET, insert -> {
                insert.setString(1, set);
                insert.executeUpdate();
            });
        }
        if (!rows.isEmpty()) {
            wakeRelayAfterCommit();
        }
    }

    private static final String APPEND_SET = """
            INSERT INTO outbox_event (id, topic, event_key, type, subject, occurred_at, payload, traceparent)
            SELECT CAST(e ->> 'id' AS uuid), e ->> 'topic', e ->> 'key', e ->> 'type', e ->> 'key',
                CAST(e ->> 'occurredAt' AS timestamptz), e -> 'payload', e ->> 'traceparent'
            FROM jsonb_array_elements(CAST(? AS jsonb)) WITH ORDINALITY AS r(e, n)
            ORDER BY r.n
            """;

    private interface Statement {
        void run(PreparedStatement statement) throws SQLException;
    }

    /**
     * Runs one statement of the outbox on the transaction's connection, once Hibernate's session is flushed, as it is
     * before a native query: the state change an event describes is written before the event. Through JDBC rather
     * than a native query, whose query plan and parameter binding cost several times the driver's work (issue 14, P2:
     * in a profile of the contact ingest, an append took a quarter of the request thread's samples of the service's
     * path as a native query, a sixth through JDBC).
     */
    private void run(String sql, Statement statement) {
        Session session = em.unwrap(Session.class);
        session.flush();
        session.doWork(connection -> {
            try (PreparedStatement prepared = connection.prepareStatement(sql)) {
                statement.run(prepared);
            }
        });
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
