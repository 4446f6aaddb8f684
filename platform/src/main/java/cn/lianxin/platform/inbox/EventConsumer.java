package cn.lianxin.platform.inbox;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Map;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;

import cn.lianxin.platform.events.EventGate;
import cn.lianxin.platform.events.EventReader;
import cn.lianxin.platform.events.IncomingEvent;
import cn.lianxin.platform.observability.Traceparent;

/**
 * The one way a service consumes a topic: read the CloudEvent (a malformed record throws, and the channel's
 * dead-letter strategy moves it aside), check it at the {@link EventGate} (wrong topic, foreign source or schema
 * violation throw the same way; a type newer than this build is skipped), skip events nobody here handles, skip
 * redeliveries, apply the rest. The effect and the processed-event row commit together in a transaction of their
 * own, which {@link ConsumerRetry} repeats when it fails; a rejected event is refused before any transaction and
 * leaves nothing behind. Consumers call it outside any transaction of theirs. All of it runs in a span that continues
 * the producer's trace (the record's {@code traceparent} header).
 */
@ApplicationScoped
public class EventConsumer {

    private final EventReader reader;
    private final EventGate gate;
    private final Inbox inbox;
    private final ConsumerRetry retry;
    private final Tracer tracer;

    public EventConsumer(EventReader reader, EventGate gate, Inbox inbox, ConsumerRetry retry, Tracer tracer) {
        this.reader = reader;
        this.gate = gate;
        this.inbox = inbox;
        this.retry = retry;
        this.tracer = tracer;
    }

    /** @param handlers by event name, e.g. {@code "OrgCreated"} */
    public void consume(ConsumerRecord<String, String> record, Map<String, Consumer<IncomingEvent>> handlers) {
        Span span = processSpan(record);
        try (Scope scope = span.makeCurrent()) {
            IncomingEvent event = reader.read(record);
            span.setAttribute("cloudevents.event_id", event.id().toString());
            span.setAttribute("cloudevents.event_type", event.type());
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
        } catch (RuntimeException | Error e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR);
            throw e;
        } finally {
            span.end();
        }
    }

    /**
     * The span the record is applied in, a child of the producer's span named by the record's {@code traceparent}
     * header (the relay's publish span): what the handler appends to this service's outbox stores this span's
     * traceparent, and the trace goes on to the next consumer.
     */
    private Span processSpan(ConsumerRecord<String, String> record) {
        Header traceparent = record.headers().lastHeader(Traceparent.HEADER);
        Context parent = Traceparent.parent(traceparent == null ? null : new String(traceparent.value(), UTF_8));
        return tracer.spanBuilder(record.topic() + " process")
                .setParent(parent)
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation", "process")
                .setAttribute("messaging.destination.name", record.topic())
                .setAttribute("messaging.destination.partition.id", String.valueOf(record.partition()))
                .setAttribute("messaging.kafka.message.offset", record.offset())
                .startSpan();
    }
}
