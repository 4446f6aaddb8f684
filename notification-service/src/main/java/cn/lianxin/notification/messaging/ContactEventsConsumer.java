package cn.lianxin.notification.messaging;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

import cn.lianxin.platform.inbox.EventConsumer;
import cn.lianxin.platform.inbox.SetHandler;

/**
 * {@code contact.events} (tracking-service): missed contacts, uncontrolled flow members, suspected self-withdrawal, dues
 * arrears, and the 专项排查 campaigns' reminders and closings.
 */
@ApplicationScoped
public class ContactEventsConsumer {

    private final EventConsumer events;
    private final Map<String, SetHandler<?>> handlers;

    public ContactEventsConsumer(EventConsumer events, NotificationIntake intake) {
        this.events = events;
        this.handlers = intake.setHandlers(Set.of("ContactMissed", "MemberUncontrolled", "SelfWithdrawalSuspected", "DuesArrears",
                "CampaignReminderDue", "CampaignClosed"));
    }

    /** The event names handled here (each must have a schema on the topic, see ConsumedEventsTest). */
    Set<String> handledEvents() {
        return handlers.keySet();
    }

    @Incoming("contact-events")
    public CompletionStage<Void> onContactEvents(KafkaRecordBatch<String, String> batch) {
        return events.consume(batch, Map.of(), handlers);
    }
}
