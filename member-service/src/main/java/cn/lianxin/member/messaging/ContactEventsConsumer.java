package cn.lianxin.member.messaging;

import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

import cn.lianxin.platform.events.EventReader;
import cn.lianxin.platform.events.IncomingEvent;
import cn.lianxin.platform.inbox.EventConsumer;

/**
 * ID reconciliation (空挂): tracking-service's REACHED contacts tell when a member was last reached. The other events
 * of contact.events change nothing here and are not handled.
 */
@ApplicationScoped
public class ContactEventsConsumer {

    private final EventConsumer events;
    private final Map<String, Consumer<IncomingEvent>> handlers;

    public ContactEventsConsumer(EventConsumer events, EventReader reader, ReconciliationFacts facts) {
        this.events = events;
        this.handlers = Map.of(
                "ContactRecorded", event -> facts.contactRecorded(reader.payload(event, ContactRecorded.class)));
    }

    /** The event names handled here (each must have a schema on the topic, see ConsumedEventsTest). */
    Set<String> handledEvents() {
        return handlers.keySet();
    }

    @Incoming("contact-events")
    public CompletionStage<Void> onContactEvents(KafkaRecordBatch<String, String> batch) {
        return events.consume(batch, handlers);
    }
}
