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
 * Applies case-service's decisions to standing (党籍): member-service is its only writer. Keeps which case files are
 * open (CaseOpened, CaseClosed) for the reconciliation report (空挂).
 */
@ApplicationScoped
public class CaseEventsConsumer {

    private final EventConsumer events;
    private final Map<String, Consumer<IncomingEvent>> handlers;

    public CaseEventsConsumer(EventConsumer events, EventReader reader, CaseDisposals standing,
            ReconciliationFacts facts) {
        this.events = events;
        this.handlers = Map.of(
                "CaseDisposed", event -> standing.apply(reader.payload(event, CaseDisposed.class)),
                "CaseOpened", event -> facts.caseOpened(reader.payload(event, CaseFile.class), event.time()),
                "CaseClosed", event -> facts.caseClosed(reader.payload(event, CaseFile.class), event.time()));
    }

    /** The event names handled here (each must have a schema on the topic, see ConsumedEventsTest). */
    Set<String> handledEvents() {
        return handlers.keySet();
    }

    @Incoming("case-events")
    public CompletionStage<Void> onCaseEvents(KafkaRecordBatch<String, String> batch) {
        return events.consume(batch, handlers);
    }
}
