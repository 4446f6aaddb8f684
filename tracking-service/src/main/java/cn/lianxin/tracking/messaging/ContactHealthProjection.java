package cn.lianxin.tracking.messaging;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import cn.lianxin.platform.events.EventReader;
import cn.lianxin.platform.events.IncomingEvent;
import cn.lianxin.tracking.repository.RiskRepository;

/**
 * A signal of the loss-risk score: member-service's contact-data health (联系方式核实). ContactVerificationDue says since
 * when the member's contact details are unconfirmed (member-service's rule and period, not restated here);
 * ContactDetailsConfirmed ends that. Runs in the consumer's transaction after the inbox accepted the event id; both writes
 * are idempotent and order-independent (RiskRepository), so that a replay converges.
 */
@ApplicationScoped
public class ContactHealthProjection {

    private static final Logger LOG = Logger.getLogger(ContactHealthProjection.class);

    record VerificationDue(UUID memberId, Instant since) {
    }

    record DetailsConfirmed(UUID memberId, Instant confirmedAt) {
    }

    private final EventReader reader;
    private final RiskRepository risks;

    public ContactHealthProjection(EventReader reader, RiskRepository risks) {
        this.reader = reader;
        this.risks = risks;
    }

    public Map<String, Consumer<IncomingEvent>> handlers() {
        return Map.of("ContactVerificationDue", this::verificationDue, "ContactDetailsConfirmed", this::confirmed);
    }

    void verificationDue(IncomingEvent event) {
        VerificationDue due = reader.payload(event, VerificationDue.class);
        if (risks.contactUnconfirmed(due.memberId(), due.since()) == 0) {
            LOG.infof("%s %s: member %s not registered here or confirmed since: nothing to keep", event.name(), event.id(),
                    due.memberId());
        }
    }

    void confirmed(IncomingEvent event) {
        DetailsConfirmed confirmed = reader.payload(event, DetailsConfirmed.class);
        if (risks.contactConfirmed(confirmed.memberId(), confirmed.confirmedAt()) == 0) {
            LOG.infof("%s %s: member %s not registered here: ignored", event.name(), event.id(), confirmed.memberId());
        }
    }
}
