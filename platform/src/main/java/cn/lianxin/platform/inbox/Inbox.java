package cn.lianxin.platform.inbox;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import cn.lianxin.platform.events.IncomingEvent;

/**
 * Idempotent consumption: the event id is recorded in the consumer's own transaction, together with the
 * event's effect, so that a redelivered event is recognised and ignored.
 */
@ApplicationScoped
public class Inbox {

    private final EntityManager em;
    private final Clock clock;

    public Inbox(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    /** @return true the first time this event id is seen, false for a redelivery */
    @Transactional(TxType.MANDATORY)
    public boolean firstDelivery(IncomingEvent event) {
        return em.createNativeQuery("""
                INSERT INTO processed_event (event_id, type, processed_at) VALUES (:id, :type, :now)
                ON CONFLICT (event_id) DO NOTHING
                """)
                .setParameter("id", event.id())
                .setParameter("now", clock.instant())
                .setParameter("type", event.type())
                .executeUpdate() == 1;
    }
}
