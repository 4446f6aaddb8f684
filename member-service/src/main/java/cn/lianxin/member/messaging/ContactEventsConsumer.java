package cn.lianxin.member.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

import cn.lianxin.platform.events.EventReader;
import cn.lianxin.platform.events.IncomingEvent;
import cn.lianxin.platform.inbox.EventConsumer;
import cn.lianxin.platform.inbox.SetHandler;

/**
 * ID reconciliation (空挂): tracking-service's REACHED contacts tell when a member was last reached. The other events
 * of contact.events change nothing here and are not handled.
 */
@ApplicationScoped
public class ContactEventsConsumer {

    private final EventConsumer events;
    private final Map<String, SetHandler<?>> setHandlers;

    public ContactEventsConsumer(EventConsumer events, EventReader reader, ReconciliationFacts facts) {
        this.events = events;
        this.setHandlers = Map.of("ContactRecorded", new RecordedRun(reader, facts));
    }

    /** The event names handled here (each must have a schema on the topic, see ConsumedEventsTest). */
    Set<String> handledEvents() {
        return setHandlers.keySet();
    }

    /** A run of contacts (a branch's contact sheet is announced as hundreds at once) is kept in one statement. */
    private record RecordedRun(EventReader reader, ReconciliationFacts facts)
            implements SetHandler<List<ContactRecorded>> {

        @Override
        public List<ContactRecorded> lookUp(List<IncomingEvent> events) {
            return new ArrayList<>(events.size()); // a contact needs nothing read first
        }

        @Override
        public void apply(IncomingEvent event, List<ContactRecorded> run) {
            run.add(reader.payload(event, ContactRecorded.class));
        }

        @Override
        public void complete(List<ContactRecorded> run) {
            facts.contactsRecorded(run);
        }
    }

    @Incoming("contact-events")
    public CompletionStage<Void> onContactEvents(KafkaRecordBatch<String, String> batch) {
        return events.consume(batch, Map.of(), setHandlers);
    }
}
