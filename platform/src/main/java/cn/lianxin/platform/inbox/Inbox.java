package cn.lianxin.platform.inbox;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import cn.lianxin.platform.events.IncomingEvent;

/**
 * Idempotent consumption: the event ids are recorded in the consumer's own transaction, together with the
 * events' effects, so that a redelivered event is recognised and ignored.
 */
@ApplicationScoped
public class Inbox {

    private final EntityManager em;
    private final Clock clock;
    private final ObjectMapper mapper;

    public Inbox(EntityManager em, Clock clock, ObjectMapper mapper) {
        this.em = em;
        this.clock = clock;
        this.mapper = mapper;
    }

    /**
     * Records a batch's event ids in one statement.
     *
     * @return the ids seen here for the first time; an id already processed, or repeated within {@code events} (the
     *         relay sends a record again when the broker failed before acknowledging it), is returned at most once
     */
    @Transactional(TxType.MANDATORY)
    @SuppressWarnings("unchecked")
    public Set<UUID> firstDeliveries(List<IncomingEvent> events) {
        if (events.isEmpty()) {
            return Set.of();
        }
        ArrayNode rows = mapper.createArrayNode();
        for (IncomingEvent event : events) {
            rows.addObject().put("id", event.id().toString()).put("type", event.type());
        }
        List<Object> inserted = em.createNativeQuery("""
                INSERT INTO processed_event (event_id, type, processed_at)
                SELECT CAST(e ->> 'id' AS uuid), e ->> 'type', :now FROM jsonb_array_elements(CAST(:rows AS jsonb)) AS e
                ON CONFLICT (event_id) DO NOTHING
                RETURNING event_id
                """)
                .setParameter("rows", json(rows))
                .setParameter("now", clock.instant())
                .getResultList();
        Set<UUID> first = new HashSet<>();
        for (Object id : inserted) {
            first.add(id instanceof UUID uuid ? uuid : UUID.fromString(id.toString()));
        }
        return first;
    }

    private String json(ArrayNode rows) {
        try {
            return mapper.writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event ids could not be written as JSON", e);
        }
    }
}
