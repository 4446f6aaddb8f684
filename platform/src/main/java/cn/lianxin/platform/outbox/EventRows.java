package cn.lianxin.platform.outbox;

import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Query;

import cn.lianxin.contracts.EventType;

/**
 * Set-based emission: the one way a scan appends events to the outbox from SQL, one event per row of a set that the
 * same statement found (and marked with its exactly-once key), in the caller's transaction. Each event gets what
 * {@link Outbox#append} gives one written from Java: a UUIDv7 id ({@code uuid_v7()}), the topic of its type, the
 * member as key and subject, ce_time {@code :now}, the scan span's {@code :traceparent} (all bound by {@link #bind}). Payloads are
 * jsonb expressions over the rows ({@code jsonb_build_object}, or JSON text cast to jsonb once where a scan writes many:
 * tracking's {@code ScanStatements.object}); instants in them are written by {@link #time} so that they read as
 * Jackson writes an {@code Instant}. The functions are platform migration {@code V1_1}; the payloads are checked
 * against {@code contracts/} where the services' tests read the events (KafkaEvents.await).
 *
 * <pre>{@code
 * WITH emitted AS (UPDATE clock c SET … RETURNING c.member_id, …)
 * <EventRows.append("emitted d", "d.member_id", "jsonb_build_object('memberId', d.member_id, …)")>
 * }</pre>
 */
public final class EventRows {

    private EventRows() {
    }

    /**
     * The {@code INSERT … SELECT} that appends one event per row of {@code from}.
     *
     * @param from the rows, as a {@code FROM} clause ({@code "emitted d"}, or a join)
     * @param member the SQL expression of the member the event is about: its key and subject
     * @param payload the SQL expression of the payload ({@code jsonb})
     */
    public static String append(String from, String member, String payload) {
        return appendWithIds(from, "uuid_v7()", member, payload);
    }

    /**
     * As {@link #append}, for rows that already carry their event's id: made by {@code uuid_v7()} where the row's
     * exactly-once key was recorded (a finding that names the event it caused).
     */
    public static String appendWithIds(String from, String id, String member, String payload) {
        return """
                INSERT INTO outbox_event (id, topic, event_key, type, subject, occurred_at, payload, traceparent)
                SELECT %s, CAST(:topic AS text), CAST(%s AS text), CAST(:type AS text), CAST(%s AS text),
                    CAST(:now AS timestamptz), %s, CAST(:traceparent AS text)
                FROM %s
                """.formatted(id, member, member, payload, from);
    }

    /** The SQL text of an instant column in a payload: {@code event_time(column)}. */
    public static String time(String column) {
        return "event_time(" + column + ")";
    }

    /**
     * Binds what {@link #append} leaves to the caller: the event type (and with it the topic, so that the two cannot
     * disagree), its ce_time and the trace it belongs to.
     *
     * @throws IllegalArgumentException when {@code ceType} is not a Lianxin event type
     */
    public static void bind(Query statement, String ceType, Instant now, String traceparent) {
        bind(new Parameters() {
            @Override
            public <T> void set(String name, T value, Class<T> type) {
                statement.setParameter(name, value);
            }
        }, ceType, now, traceparent);
    }

    /** As {@link #bind(Query, String, Instant, String)}, for a statement run by other means than JPA. */
    public static void bind(Parameters statement, String ceType, Instant now, String traceparent) {
        EventType type = EventType.parse(Objects.requireNonNull(ceType, "ceType"));
        statement.set("topic", type.topic(), String.class);
        statement.set("type", type.ceType(), String.class);
        statement.set("now", Objects.requireNonNull(now, "now"), Instant.class);
        statement.set("traceparent", traceparent, String.class);
    }

    /** A statement's named parameters, each set with its type (a null keeps it). */
    public interface Parameters {

        <T> void set(String name, T value, Class<T> type);
    }
}
