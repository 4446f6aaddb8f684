package cn.lianxin.cases.messaging;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

import cn.lianxin.cases.domain.Department;
import cn.lianxin.cases.service.LookupService;
import cn.lianxin.platform.events.EventReader;
import cn.lianxin.platform.events.IncomingEvent;
import cn.lianxin.platform.inbox.EventConsumer;

/**
 * The departments' answers on {@code lookup.answers} (协查答复): each is applied once (processed-event inbox) and
 * becomes a search attempt of the case; an answer to an unknown or already answered request is recorded as ignored.
 * The finding is personal data: it is handed on, never logged.
 */
@ApplicationScoped
public class LookupAnswersConsumer {

    record LookupAnswered(UUID requestId, UUID memberId, UUID orgId, Department department, Boolean found,
            String finding, Instant answeredAt, String answerRef) {
    }

    private final EventConsumer events;
    private final EventReader reader;
    private final LookupService lookups;
    private final Map<String, Consumer<IncomingEvent>> handlers;

    public LookupAnswersConsumer(EventConsumer events, EventReader reader, LookupService lookups) {
        this.events = events;
        this.reader = reader;
        this.lookups = lookups;
        this.handlers = Map.of("LookupAnswered", this::answered);
    }

    /** The event names handled here (each must have a schema on the topic, see ConsumedEventsTest). */
    Set<String> handledEvents() {
        return handlers.keySet();
    }

    @Incoming("lookup-answers")
    public CompletionStage<Void> onLookupAnswers(KafkaRecordBatch<String, String> batch) {
        return events.consume(batch, handlers);
    }

    private void answered(IncomingEvent event) {
        // requestId, memberId, department, found and answeredAt are required by the schema: the gate (EventConsumer)
        // has refused a payload without them before it gets here.
        LookupAnswered answer = reader.payload(event, LookupAnswered.class);
        lookups.onAnswered(event.id(), new LookupService.Answer(answer.requestId(), answer.memberId(),
                answer.department(), answer.found(), answer.finding(), answer.answerRef(), answer.answeredAt()));
    }
}
