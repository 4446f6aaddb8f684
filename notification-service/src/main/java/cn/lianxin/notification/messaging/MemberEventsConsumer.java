package cn.lianxin.notification.messaging;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

import cn.lianxin.notification.recipients.RecipientProjection;
import cn.lianxin.platform.events.IncomingEvent;
import cn.lianxin.platform.inbox.EventConsumer;
import cn.lianxin.platform.inbox.SetHandler;
import cn.lianxin.platform.orgs.OrgProjection;

/**
 * {@code member.events}: the org tree and the 联心卡 extras, the members' contacts and liaisons (recipient
 * projections), and the member events that notify someone (MemberFlowedOut, TransferReceiptOverdue,
 * AnnualReviewOverdue, TransferRecommended, the roster filing's RosterFiled and RosterReturned, and the handshake's
 * TransferIssued, ReportInOverdue and HandshakeEscalated).
 */
@ApplicationScoped
public class MemberEventsConsumer {

    private final EventConsumer events;
    private final Map<String, Consumer<IncomingEvent>> handlers = new HashMap<>();
    private final Map<String, SetHandler<?>> setHandlers;

    public MemberEventsConsumer(EventConsumer events, OrgProjection orgs, RecipientProjection recipients,
            NotificationIntake intake) {
        this.events = events;
        handlers.putAll(recipients.handlers());
        orgs.handlers().forEach((name, project) -> handlers.put(name, project.andThen(recipients::orgCard)));
        setHandlers = new HashMap<>(intake.setHandlers(Set.of("MemberFlowedOut", "TransferReceiptOverdue",
                "AnnualReviewOverdue", "TransferRecommended", "RosterFiled", "RosterReturned", "TransferIssued",
                "ReportInOverdue", "HandshakeEscalated")));
        setHandlers.putAll(recipients.setHandlers());
    }

    /** The event names handled here (each must have a schema on the topic, see ConsumedEventsTest). */
    Set<String> handledEvents() {
        Set<String> names = new HashSet<>(handlers.keySet());
        names.addAll(setHandlers.keySet());
        return names;
    }

    @Incoming("member-events")
    public CompletionStage<Void> onMemberEvents(KafkaRecordBatch<String, String> batch) {
        return events.consume(batch, handlers, setHandlers);
    }
}
