package cn.lianxin.notification.messaging;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

import cn.lianxin.notification.recipients.CaseEscalations;
import cn.lianxin.platform.events.IncomingEvent;
import cn.lianxin.platform.inbox.EventConsumer;

/**
 * {@code case.events} (case-service): the case file's steps that notify someone, the monthly report, and the lookups'
 * approval requests, refusals and overdue answers (the departments' own topics, lookup.requests and lookup.answers,
 * are not read here).
 */
@ApplicationScoped
public class CaseEventsConsumer {

    private final EventConsumer events;
    private final Map<String, Consumer<IncomingEvent>> handlers;

    public CaseEventsConsumer(EventConsumer events, NotificationIntake intake, CaseEscalations escalations) {
        this.events = events;
        this.handlers = new HashMap<>(intake.handlers(Set.of("CaseOpened", "CaseEscalated", "CaseRecheckDue",
                "FollowUpDue", "FollowUpMissed", "MemberFound", "CaseClosed", "StandingActionProposed",
                "MonthlyReportPublished", "LookupApprovalRequested", "LookupRefused", "LookupOverdue")));
        // Remember where each case escalated to, so that MemberFound and CaseClosed answer every level.
        Consumer<IncomingEvent> notify = handlers.get("CaseEscalated");
        handlers.put("CaseEscalated", event -> {
            escalations.escalated(event);
            notify.accept(event);
        });
    }

    /** The event names handled here (each must have a schema on the topic, see ConsumedEventsTest). */
    Set<String> handledEvents() {
        return handlers.keySet();
    }

    @Incoming("case-events")
    @Blocking
    public CompletionStage<Void> onCaseEvents(KafkaRecordBatch<String, String> batch) {
        return events.consume(batch, handlers);
    }
}
