package cn.lianxin.platform.inbox;

import java.util.Map;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.quarkus.narayana.jta.QuarkusTransaction;

import cn.lianxin.platform.events.EventGate;
import cn.lianxin.platform.events.EventReader;
import cn.lianxin.platform.events.IncomingEvent;

/**
 * The one way a service consumes a topic: read the CloudEvent (a malformed record throws, and the channel's
 * dead-letter strategy moves it aside), check it at the {@link EventGate} (wrong topic, foreign source or schema
 * violation throw the same way; a type newer than this build is skipped), skip events nobody here handles, skip
 * redeliveries, apply the rest. The effect and the processed-event row commit together in a transaction of their
 * own, which {@link ConsumerRetry} repeats when it fails; a rejected event is refused before any transaction and
 * leaves nothing behind. Consumers call it outside any transaction of theirs.
 */
@ApplicationScoped
public class EventConsumer {

    private final EventReader reader;
    private final EventGate gate;
    private final Inbox inbox;
    private final ConsumerRetry retry;

    public EventConsumer(EventReader reader, EventGate gate, Inbox inbox, ConsumerRetry retry) {
        this.reader = reader;
        this.gate = gate;
        this.inbox = inbox;
        this.retry = retry;
    }

    /** @param handlers by event name, e.g. {@code "OrgCreated"} */
    public void consume(ConsumerRecord<String, String> record, Map<String, Consumer<IncomingEvent>> handlers) {
        IncomingEvent event = reader.read(record);
        if (!gate.admit(record.topic(), event)) {
            return;
        }
        Consumer<IncomingEvent> handler = handlers.get(event.name());
        if (handler == null) {
            return;
        }
        retry.run(record.topic(), event, () -> QuarkusTransaction.requiringNew().run(() -> {
            if (inbox.firstDelivery(event)) {
                handler.accept(event);
            }
        }));
    }
}
