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
 * Contact-data health (联系方式核实): a notification that failed on a channel flags the recipient member's contact
 * detail of that channel. {@code NotificationDelivered} changes nothing here; it is recorded as processed all the same.
 */
@ApplicationScoped
public class NotificationEventsConsumer {

    private final EventConsumer events;
    private final Map<String, Consumer<IncomingEvent>> handlers;

    public NotificationEventsConsumer(EventConsumer events, EventReader reader, ContactFailures failures) {
        this.events = events;
        this.handlers = Map.of(
                "NotificationFailed", event -> failures.apply(reader.payload(event, NotificationFailed.class)),
                "NotificationDelivered", event -> {
                    // a delivery proves nothing about the other details; nothing to apply
                });
    }

    /** The event names handled here (each must have a schema on the topic, see ConsumedEventsTest). */
    Set<String> handledEvents() {
        return handlers.keySet();
    }

    @Incoming("notification-events")
    public CompletionStage<Void> onNotificationEvents(KafkaRecordBatch<String, String> batch) {
        return events.consume(batch, handlers);
    }
}
