package cn.lianxin.cases.messaging;

import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

import cn.lianxin.cases.service.AccountabilityFigures;
import cn.lianxin.cases.service.CaseService;
import cn.lianxin.cases.service.ReportService;
import cn.lianxin.platform.events.EventReader;
import cn.lianxin.platform.events.IncomingEvent;
import cn.lianxin.platform.events.MalformedEventException;
import cn.lianxin.platform.inbox.EventConsumer;
import cn.lianxin.platform.inbox.SetHandler;

/**
 * tracking-service's verdicts on {@code contact.events}: a suspected loss opens a case, a restored contact finds the
 * member; a branch's accountability figures of a month (AccountabilityReported) are kept for the monthly report.
 */
@ApplicationScoped
public class ContactEventsConsumer {

    record LostContactSuspected(UUID memberId, UUID orgId, Instant lostSince, Instant asOf) {
    }

    record ContactRestored(UUID memberId, UUID orgId, Instant reachedAt, String channel, UUID caseId) {
    }

    record AccountabilityReported(UUID orgId, String month, Instant asOf, AccountabilityFigures figures) {
    }

    private final EventConsumer events;
    private final EventReader reader;
    private final CaseService cases;
    private final ReportService reports;
    private final Map<String, Consumer<IncomingEvent>> handlers;
    private final Map<String, SetHandler<?>> setHandlers;

    public ContactEventsConsumer(EventConsumer events, EventReader reader, CaseService cases, ReportService reports) {
        this.events = events;
        this.reader = reader;
        this.cases = cases;
        this.reports = reports;
        this.handlers = Map.of("ContactRestored", this::contactRestored, "AccountabilityReported",
                this::accountabilityReported);
        this.setHandlers = Map.of("LostContactSuspected", new LostContactSuspectedSet());
    }

    /** The event names handled here (each must have a schema on the topic, see ConsumedEventsTest). */
    Set<String> handledEvents() {
        Set<String> names = new HashSet<>(handlers.keySet());
        names.addAll(setHandlers.keySet());
        return names;
    }

    @Incoming("contact-events")
    public CompletionStage<Void> onContactEvents(KafkaRecordBatch<String, String> batch) {
        return events.consume(batch, handlers, setHandlers);
    }

    /** A burst of suspected losses (one scan can make thousands) opens its cases a run at a time. */
    private final class LostContactSuspectedSet implements SetHandler<CaseService.Openings> {

        @Override
        public CaseService.Openings lookUp(List<IncomingEvent> events) {
            List<LostContactSuspected> lost = events.stream().map(this::read).toList();
            return cases.lookUpOpenings(lost.stream().map(LostContactSuspected::memberId).toList(),
                    lost.stream().map(LostContactSuspected::orgId).distinct().toList());
        }

        @Override
        public void apply(IncomingEvent event, CaseService.Openings known) {
            LostContactSuspected lost = read(event);
            cases.onLostContactSuspected(event.id(), lost.memberId(), lost.orgId(), lost.lostSince(), lost.asOf(),
                    known);
        }

        private LostContactSuspected read(IncomingEvent event) {
            LostContactSuspected lost = reader.payload(event, LostContactSuspected.class);
            if (lost.memberId() == null || lost.orgId() == null || lost.lostSince() == null || lost.asOf() == null) {
                throw new MalformedEventException(event.type() + " " + event.id()
                        + " lacks memberId, orgId, lostSince or asOf");
            }
            return lost;
        }
    }

    private void contactRestored(IncomingEvent event) {
        ContactRestored restored = reader.payload(event, ContactRestored.class);
        if (restored.memberId() == null || restored.reachedAt() == null) {
            throw new MalformedEventException(event.type() + " " + event.id() + " lacks memberId or reachedAt");
        }
        cases.onContactRestored(event.id(), restored.memberId(), restored.reachedAt(), restored.channel(),
                restored.caseId());
    }

    private void accountabilityReported(IncomingEvent event) {
        AccountabilityReported reported = reader.payload(event, AccountabilityReported.class);
        if (reported.orgId() == null || reported.month() == null || reported.asOf() == null
                || reported.figures() == null) {
            throw new MalformedEventException(event.type() + " " + event.id() + " lacks orgId, month, asOf or figures");
        }
        YearMonth month;
        try {
            month = YearMonth.parse(reported.month());
        } catch (DateTimeParseException e) {
            throw new MalformedEventException(event.type() + " " + event.id() + " has a month that is not yyyy-MM");
        }
        reports.accountabilityReported(reported.orgId(), month, reported.asOf(), reported.figures());
    }
}
