package cn.lianxin.platform.inbox;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

import cn.lianxin.platform.events.ConsumptionStopped;
import cn.lianxin.platform.events.EventGate;
import cn.lianxin.platform.events.EventReader;
import cn.lianxin.platform.events.IncomingEvent;
import cn.lianxin.platform.observability.Traceparent;
import cn.lianxin.platform.outbox.Outbox;

/**
 * The one way a service consumes a topic, a batch of records at a time (the channel's {@code batch=true}; up to
 * {@code max.poll.records} records of one poll, in partition order):
 * <ol>
 * <li>The batch joins the topic's {@link Backlog}, whose thread applies, each time it is free, every batch that has
 * arrived meanwhile, as one batch: a record waits for the batch being applied when it arrives, not for a batch polled
 * before it as well.</li>
 * <li>Each record is read as a CloudEvent. One of a type nobody here handles is skipped there: its schema is no
 * concern of this service (contact.events carries some 40,000 {@code ContactRecorded} for the demo city, which
 * case-service and notification-service do not handle; each was checked against its schema for nothing). The rest are
 * checked at the {@link EventGate}: a malformed record, a wrong topic, a foreign source or a schema violation is
 * dead-lettered alone by the channel's failure strategy, leaving nothing behind; a type newer than this build is
 * skipped.</li>
 * <li>The rest are applied in <b>one transaction</b>: the {@link Inbox} records their ids in one statement, which
 * leaves out redeliveries, and each first delivery's handler runs; consecutive events that a {@link SetHandler} takes
 * are applied as a run, their look-ups and writes in sets. Their effects and the processed-event rows commit
 * together, exactly once.</li>
 * <li>If that transaction fails, it is rolled back whole and the records are applied <b>one by one</b>, each in a
 * transaction of its own that {@link ConsumerRetry} repeats as it always did: a transient failure (the database out of
 * reach) waits as long as it lasts, a defective event is dead-lettered alone after its attempts, and its neighbours
 * are applied. A batch therefore never takes a good record down with a bad one, nor loses one.</li>
 * <li>Once every record is applied or dead-lettered, each batch is acknowledged (its latest offset per partition).
 * If the service is stopping ({@link ConsumptionStopped}), nothing more is applied and the batch is left
 * unacknowledged: its records are delivered again after the restart, and the inbox skips those already applied.</li>
 * </ol>
 * Each record is applied in a span that continues the producer's trace (the record's {@code traceparent} header):
 * what its handler appends to this service's outbox stores that span's traceparent, and the trace goes on.
 * Consumers call it from their {@code @Incoming} method, which does not block (it runs on the connector's event loop,
 * and hands the batch over in the order the connector delivers them); the backlog's thread does the blocking work.
 */
@ApplicationScoped
public class EventConsumer {

    private static final Logger LOG = Logger.getLogger(EventConsumer.class);

    private final EventReader reader;
    private final EventGate gate;
    private final Inbox inbox;
    private final ConsumerRetry retry;
    private final Tracer tracer;
    private final EntityManager em;
    private final Outbox outbox;
    private final int backlogLimit;
    private final Map<String, Backlog<Delivered>> backlogs = new ConcurrentHashMap<>();

    /** @param maxPollRecords a backlog holding this many records makes the next delivery wait ({@link Backlog}) */
    public EventConsumer(EventReader reader, EventGate gate, Inbox inbox, ConsumerRetry retry, Tracer tracer,
            EntityManager em, Outbox outbox,
            @ConfigProperty(name = "mp.messaging.connector.smallrye-kafka.max.poll.records") int maxPollRecords) {
        this.outbox = outbox;
        this.backlogLimit = maxPollRecords;
        this.reader = reader;
        this.gate = gate;
        this.inbox = inbox;
        this.retry = retry;
        this.tracer = tracer;
        this.em = em;
    }

    /** A batch as its consumer handed it over, with the handlers it is applied with. */
    private record Delivered(KafkaRecordBatch<String, String> batch, Map<String, Consumer<IncomingEvent>> handlers,
            Map<String, SetHandler<?>> setHandlers) {

        int size() {
            return batch.getRecords().size();
        }

        String topic() {
            return batch.getRecords().get(0).getTopic();
        }
    }

    /** A record that passed the gate and has a handler here: one event at a time, or a set handler. */
    private record Admitted(KafkaRecord<String, String> message, String topic, IncomingEvent event,
            Consumer<IncomingEvent> handler, SetHandler<?> setHandler, Span span) {
    }

    /**
     * @param handlers by event name, e.g. {@code "OrgCreated"}
     * @return completes once the batch is taken into the topic's backlog ({@link Backlog}): at once unless the backlog
     *         is full
     */
    public CompletionStage<Void> consume(KafkaRecordBatch<String, String> batch,
            Map<String, Consumer<IncomingEvent>> handlers) {
        return consume(batch, handlers, Map.of());
    }

    /**
     * @param handlers    by event name, those applied one event at a time
     * @param setHandlers by event name, those whose consecutive events in a batch are applied as a run
     *                    ({@link SetHandler}); a name is in one map or the other
     * @return completes once the batch is taken into the topic's backlog ({@link Backlog}): at once unless the backlog
     *         is full
     */
    public CompletionStage<Void> consume(KafkaRecordBatch<String, String> batch,
            Map<String, Consumer<IncomingEvent>> handlers, Map<String, SetHandler<?>> setHandlers) {
        if (batch.getRecords().isEmpty()) {
            return batch.ack();
        }
        Delivered delivered = new Delivered(batch, handlers, setHandlers);
        return backlogs.computeIfAbsent(delivered.topic(),
                topic -> new Backlog<>(topic, backlogLimit, Delivered::size, this::apply)).offer(delivered);
    }

    void stop(@Observes ShutdownEvent event) {
        backlogs.values().forEach(Backlog::stop);
    }

    /**
     * Applies the batches a backlog took, as one: their records are admitted, applied in one transaction (or one by
     * one if it fails), then each batch is acknowledged.
     */
    private void apply(List<Delivered> batches) {
        String topic = batches.get(0).topic();
        List<CompletionStage<Void>> deadLettered = new ArrayList<>();
        List<Admitted> admitted = new ArrayList<>();
        batches.forEach(delivered -> admitted.addAll(admit(delivered.batch(), delivered.handlers(),
                delivered.setHandlers(), deadLettered)));
        try {
            if (!admitted.isEmpty() && !appliedTogether(admitted)) {
                applyOneByOne(admitted, deadLettered);
            }
        } catch (ConsumptionStopped stopped) {
            LOG.infof("%d records of %s left for redelivery: the service is stopping",
                    batches.stream().mapToInt(Delivered::size).sum(), topic);
            return;
        } finally {
            admitted.forEach(record -> record.span().end());
        }
        awaitAll(deadLettered)
                .thenCompose(done -> awaitAll(batches.stream().map(delivered -> delivered.batch().ack()).toList()))
                .whenComplete((done, failure) -> {
                    if (failure != null) {
                        backlogs.get(topic).fail(failure);
                    }
                });
    }

    private List<Admitted> admit(KafkaRecordBatch<String, String> batch, Map<String, Consumer<IncomingEvent>> handlers,
            Map<String, SetHandler<?>> setHandlers, List<CompletionStage<Void>> deadLettered) {
        List<Admitted> admitted = new ArrayList<>(batch.getRecords().size());
        for (KafkaRecord<String, String> message : batch) {
            ConsumerRecord<String, String> record = consumerRecord(message);
            Span span = processSpan(record);
            try (Scope scope = span.makeCurrent()) {
                IncomingEvent event = reader.read(record);
                span.setAttribute("cloudevents.event_id", event.id().toString());
                span.setAttribute("cloudevents.event_type", event.type());
                if ((handlers.containsKey(event.name()) || setHandlers.containsKey(event.name()))
                        && gate.admit(record.topic(), event)) {
                    admitted.add(new Admitted(message, record.topic(), event, handlers.get(event.name()),
                            setHandlers.get(event.name()), span));
                    continue;
                }
            } catch (RuntimeException rejected) {
                failed(span, rejected);
                deadLettered.add(message.nack(rejected));
            }
            span.end();
        }
        return admitted;
    }

    /** @return false if the batch's transaction failed and was rolled back (nothing of it is stored) */
    private boolean appliedTogether(List<Admitted> admitted) {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                Set<UUID> first = inbox.firstDeliveries(admitted.stream().map(Admitted::event).toList());
                List<Admitted> firstDeliveries = admitted.stream().filter(record -> first.remove(record.event().id()))
                        .toList();
                for (int from = 0; from < firstDeliveries.size();) {
                    List<Admitted> run = runFrom(firstDeliveries, from);
                    applyRun(run);
                    em.flush();
                    em.clear(); // one run's entities never weigh on the next run's flushes
                    from += run.size();
                }
            });
            return true;
        } catch (RuntimeException batchFailure) {
            LOG.infof("a batch of %d %s records failed together (%s): applying them one by one", admitted.size(),
                    admitted.get(0).topic(), batchFailure.getClass().getName());
            return false;
        }
    }

    private void applyOneByOne(List<Admitted> admitted, List<CompletionStage<Void>> deadLettered) {
        for (Admitted record : admitted) {
            try {
                retry.run(record.topic(), record.event(), () -> QuarkusTransaction.requiringNew().run(() -> {
                    if (!inbox.firstDeliveries(List.of(record.event())).isEmpty()) {
                        applyRun(List.of(record));
                    }
                }));
            } catch (ConsumptionStopped stopped) {
                throw stopped;
            } catch (RuntimeException | Error failure) {
                failed(record.span(), failure);
                deadLettered.add(record.message().nack(failure));
            }
        }
    }

    /** The record at {@code from} alone, or with the records after it that the same set handler takes. */
    private static List<Admitted> runFrom(List<Admitted> records, int from) {
        SetHandler<?> setHandler = records.get(from).setHandler();
        int to = from + 1;
        while (setHandler != null && to < records.size() && records.get(to).setHandler() == setHandler) {
            to++;
        }
        return records.subList(from, to);
    }

    private void applyRun(List<Admitted> run) {
        SetHandler<?> setHandler = run.get(0).setHandler();
        if (setHandler == null) {
            try (Scope scope = run.get(0).span().makeCurrent()) {
                run.get(0).handler().accept(run.get(0).event());
            }
        } else {
            applySet(setHandler, run);
        }
    }

    private <K> void applySet(SetHandler<K> setHandler, List<Admitted> run) {
        K known = setHandler.lookUp(run.stream().map(Admitted::event).toList());
        outbox.deferring(() -> {
            for (Admitted record : run) {
                try (Scope scope = record.span().makeCurrent()) {
                    setHandler.apply(record.event(), known);
                }
            }
            setHandler.complete(known);
        });
    }

    private static void failed(Span span, Throwable failure) {
        span.recordException(failure);
        span.setStatus(StatusCode.ERROR);
    }

    private static CompletionStage<Void> awaitAll(List<CompletionStage<Void>> stages) {
        return CompletableFuture.allOf(stages.stream().map(CompletionStage::toCompletableFuture)
                .toArray(CompletableFuture[]::new));
    }

    @SuppressWarnings("unchecked")
    private static ConsumerRecord<String, String> consumerRecord(KafkaRecord<String, String> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(metadata -> (ConsumerRecord<String, String>) metadata.getRecord())
                .orElseThrow(() -> new IllegalStateException("a batch record without its Kafka metadata"));
    }

    /**
     * The span a record is applied in, a child of the producer's span named by the record's {@code traceparent}
     * header (the relay's publish span).
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
