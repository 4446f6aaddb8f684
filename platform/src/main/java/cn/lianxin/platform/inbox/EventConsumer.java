package cn.lianxin.platform.inbox;

import java.util.Map;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import cn.lianxin.platform.events.EventGate;
import cn.lianxin.platform.events.EventReader;
import cn.lianxin.platform.events.IncomingEvent;

/**
 * The one way a service consumes a topic: read the CloudEvent (a malformed record throws, and the channel's
 * dead-letter strategy moves it aside), check it at the {@link EventGate} (wrong topic, foreign source or schema
 * violation throw the same way; a type newer than this build is skipped), skip events nobody here handles, skip
 * redeliveries, apply the rest — all inside the caller's transaction, so the effect and the processed-event row
 * commit together, and a rejected event leaves nothing behind.
 */
@ApplicationScoped
public class EventConsumer {

    private final EventReader reader;
    private final EventGate gate;
    private final Inbox inbox;

    public EventConsumer(EventReader reader, EventGate gate, Inbox inbox) {
        this.reader = reader;
        this.gate = gate;
        this.inbox = inbox;
    }

    /** @param handlers by event name, e.g. {@code "OrgCreated"} */
    @Transactional(TxType.MANDATORY)
    public void consume(ConsumerRecord<String, String> record, Map<String, Consumer<IncomingEvent>> handlers) {
        IncomingEvent event = reader.read(record);
        if (!gate.admit(record.topic(), event)) {
            return;
        }
        Consumer<IncomingEvent> handler = handlers.get(event.name());
        if (handler != null && inbox.firstDelivery(event)) {
            handler.accept(event);
        }
    }
}
