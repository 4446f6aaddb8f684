package cn.lianxin.cases.messaging;

import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;

import cn.lianxin.cases.service.AccountabilityFigures;
import cn.lianxin.cases.service.CaseService;
import cn.lianxin.cases.service.ReportService;
import cn.lianxin.platform.events.EventReader;
import cn.lianxin.platform.events.IncomingEvent;
import cn.lianxin.platform.events.MalformedEventException;
import cn.lianxin.platform.inbox.EventConsumer;

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

    public ContactEventsConsumer(EventConsumer events, EventReader reader, CaseService cases, ReportService reports) {
        this.events = events;
        this.reader = reader;
        this.cases = cases;
        this.reports = reports;
        this.handlers = Map.of("LostContactSuspected", this::lostContactSuspected, "ContactRestored",
                this::contactRestored, "AccountabilityReported", this::accountabilityReported);
    }

    /** The event names handled here (each must have a schema on the topic, see ConsumedEventsTest). */
    Set<String> handledEvents() {
        return handlers.keySet();
    }

    @Incoming("contact-events")
    @Blocking
    public void onContactEvent(ConsumerRecord<String, String> record) {
        events.consume(record, handlers);
    }

    private void lostContactSuspected(IncomingEvent event) {
        LostContactSuspected lost = reader.payload(event, LostContactSuspected.class);
        if (lost.memberId() == null || lost.orgId() == null || lost.lostSince() == null || lost.asOf() == null) {
            throw new MalformedEventException(event.type() + " " + event.id() + " lacks memberId, orgId, lostSince or asOf");
        }
        cases.onLostContactSuspected(event.id(), lost.memberId(), lost.orgId(), lost.lostSince(), lost.asOf());
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
