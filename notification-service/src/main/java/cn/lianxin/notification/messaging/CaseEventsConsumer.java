package cn.lianxin.notification.messaging;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

import cn.lianxin.notification.recipients.CaseEscalations;
import cn.lianxin.platform.events.IncomingEvent;
import cn.lianxin.platform.inbox.EventConsumer;
import cn.lianxin.platform.inbox.SetHandler;

/**
 * {@code case.events} (case-service): the case file's steps that notify someone, the monthly report, and the lookups'
 * approval requests, refusals and overdue answers (the departments' own topics, lookup.requests and lookup.answers,
 * are not read here).
 */
@ApplicationScoped
public class CaseEventsConsumer {

    private final EventConsumer events;
    private final Map<String, Consumer<IncomingEvent>> handlers;
    private final Map<String, SetHandler<?>> setHandlers;

    public CaseEventsConsumer(EventConsumer events, NotificationIntake intake, CaseEscalations escalations) {
        this.events = events;
        this.setHandlers = intake.setHandlers(Set.of("CaseOpened", "CaseRecheckDue", "FollowUpDue", "FollowUpMissed",
                "MemberFound", "CaseClosed", "StandingActionProposed", "MonthlyReportPublished",
                "LookupApprovalRequested", "LookupRefused", "LookupOverdue"));
        // Remember where each case escalated to, so that MemberFound and CaseClosed answer every level.
        this.handlers = Map.of("CaseEscalated", event -> {
            escalations.escalated(event);
            intake.accept(event);
        });
    }

    /** The event names handled here (each must have a schema on the topic, see ConsumedEventsTest). */
    Set<String> handledEvents() {
        Set<String> names = new HashSet<>(handlers.keySet());
        names.addAll(setHandlers.keySet());
        return names;
    }

    @Incoming("case-events")
    public CompletionStage<Void> onCaseEvents(KafkaRecordBatch<String, String> batch) {
        return events.consume(batch, handlers, setHandlers);
    }
}
