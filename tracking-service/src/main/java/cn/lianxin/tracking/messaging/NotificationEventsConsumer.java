package cn.lianxin.tracking.messaging;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

import cn.lianxin.contracts.DeliveryErrors;
import cn.lianxin.platform.events.EventReader;
import cn.lianxin.platform.events.IncomingEvent;
import cn.lianxin.platform.inbox.EventConsumer;
import cn.lianxin.tracking.repository.RiskRepository;

/**
 * A signal of the loss-risk score: a notification to the member themselves that failed because their address was
 * refused ({@code NotificationFailed} with recipient role MEMBER and error INVALID_ADDRESS or REJECTED, as
 * member-service's contact-data health reads it) — a phone number or e-mail that no longer reaches them. Only the
 * channel and the time are kept. {@code NotificationDelivered} changes nothing. Idempotent through the inbox.
 */
@ApplicationScoped
public class NotificationEventsConsumer {


    record NotificationFailed(UUID notificationId, Recipient recipient, String channel, Instant failedAt, Error error) {
    }

    record Recipient(String role, UUID memberId) {
    }

    record Error(String code) {
    }

    private final EventConsumer events;
    private final EventReader reader;
    private final RiskRepository risks;
    private final Map<String, Consumer<IncomingEvent>> handlers;

    public NotificationEventsConsumer(EventConsumer events, EventReader reader, RiskRepository risks) {
        this.events = events;
        this.reader = reader;
        this.risks = risks;
        this.handlers = Map.of("NotificationFailed", this::failed, "NotificationDelivered", event -> {
            // a delivery proves nothing about the other channels: nothing to keep
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

    void failed(IncomingEvent event) {
        NotificationFailed f = reader.payload(event, NotificationFailed.class);
        if (f.recipient() != null && "MEMBER".equals(f.recipient().role()) && f.recipient().memberId() != null
                && f.error() != null && DeliveryErrors.addressRefused(f.error().code())) {
            risks.deliveryFailed(f.notificationId(), f.recipient().memberId(), f.channel(), f.failedAt());
        }
    }
}
