package cn.lianxin.cases.messaging;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

import cn.lianxin.platform.events.IncomingEvent;
import cn.lianxin.platform.inbox.EventConsumer;
import cn.lianxin.platform.inbox.SetHandler;
import cn.lianxin.platform.orgs.OrgProjection;

/** Keeps this service's projection of member-service's data up to date from {@code member.events}. */
@ApplicationScoped
public class MemberEventsConsumer {

    private final EventConsumer events;
    private final Map<String, Consumer<IncomingEvent>> handlers = new HashMap<>();
    private final Map<String, SetHandler<?>> setHandlers;

    public MemberEventsConsumer(EventConsumer events, OrgProjection orgs, MemberProjection members) {
        this.events = events;
        handlers.putAll(orgs.handlers());
        handlers.putAll(members.handlers());
        setHandlers = members.setHandlers();
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
