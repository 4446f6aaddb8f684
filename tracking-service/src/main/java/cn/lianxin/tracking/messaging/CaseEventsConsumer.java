package cn.lianxin.tracking.messaging;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

import cn.lianxin.platform.events.EventReader;
import cn.lianxin.platform.events.IncomingEvent;
import cn.lianxin.platform.inbox.EventConsumer;
import cn.lianxin.tracking.domain.ContactChannel;
import cn.lianxin.tracking.repository.CaseRepository;
import cn.lianxin.tracking.service.ContactService;

/**
 * One fact, entered once (docs/domain.md §4b): a case's {@code MemberFound} (by a search attempt or by hand) and a
 * follow-up visit ({@code FollowUpRecorded}) that saw the member well are REACHED contacts, recorded here so that the
 * member leaves the work lists and the compliance counts at once and nobody enters the same visit twice. A finding
 * by {@code CONTACT_RESTORED} is not recorded again: that contact is the one that found the member. CaseOpened and
 * CaseClosed keep which members have an open case ({@code member_case}): an open case accounts for its member in a
 * 专项排查 campaign; every opening and every FollowUpMissed are signals of the loss-risk score. Openings with their C1
 * deadline, search attempts, findings and follow-ups recorded or missed feed the accountability figures (目标责任考核). Idempotent through
 * the inbox (a redelivered {@code ce_id} is a no-op), and each write is an upsert.
 */
@ApplicationScoped
public class CaseEventsConsumer {

    private static final Logger LOG = Logger.getLogger(CaseEventsConsumer.class);

    /** recordedBy of a CASE_FOUND contact: MemberFound does not name who recorded the finding. */
    static final String CASE_SERVICE = "case-service";

    record MemberFound(UUID caseId, UUID memberId, Instant foundAt, String foundBy) {
    }

    record CaseEvent(UUID caseId, UUID memberId) {
    }

    record CaseOpened(UUID caseId, UUID memberId, Instant verificationDueAt) {
    }

    record SearchAttemptLogged(UUID caseId, UUID memberId, UUID attemptId, Instant at) {
    }

    record FollowUpMissed(UUID caseId, UUID memberId, int followUpNo, Instant dueAt) {
    }

    record FollowUpRecorded(UUID caseId, UUID memberId, int followUpNo, Instant visitedAt, String result,
            String recordedBy) {
    }

    private final EventConsumer events;
    private final EventReader reader;
    private final ContactService contacts;
    private final CaseRepository cases;
    private final Map<String, Consumer<IncomingEvent>> handlers;

    public CaseEventsConsumer(EventConsumer events, EventReader reader, ContactService contacts, CaseRepository cases) {
        this.events = events;
        this.reader = reader;
        this.contacts = contacts;
        this.cases = cases;
        this.handlers = Map.of("MemberFound", this::found, "FollowUpRecorded", this::followedUp,
                "CaseOpened", this::opened, "CaseClosed", this::closed, "FollowUpMissed", this::followUpMissed,
                "SearchAttemptLogged", this::attempted);
    }

    /** The event names handled here (each must have a schema on the topic, see ConsumedEventsTest). */
    Set<String> handledEvents() {
        return handlers.keySet();
    }

    @Incoming("case-events")
    public CompletionStage<Void> onCaseEvents(KafkaRecordBatch<String, String> batch) {
        return events.consume(batch, handlers);
    }

    /** An open case accounts for its member in a 专项排查 campaign (the search is under way). */
    void opened(IncomingEvent event) {
        CaseOpened c = reader.payload(event, CaseOpened.class);
        cases.opened(c.caseId(), c.memberId(), event.time());
        cases.loss(c.caseId(), c.memberId(), event.time(), c.verificationDueAt());
    }

    /** A search attempt, logged at the event's time: the accountability figures' first search within C1's deadline. */
    void attempted(IncomingEvent event) {
        SearchAttemptLogged a = reader.payload(event, SearchAttemptLogged.class);
        cases.attempt(a.attemptId(), a.caseId(), a.memberId(), a.at(), event.time());
    }

    /** A missed follow-up visit after a finding: a signal of the loss-risk score. */
    void followUpMissed(IncomingEvent event) {
        FollowUpMissed f = reader.payload(event, FollowUpMissed.class);
        cases.followUpMissed(f.caseId(), f.memberId(), f.followUpNo(), f.dueAt());
    }

    void closed(IncomingEvent event) {
        CaseEvent c = reader.payload(event, CaseEvent.class);
        cases.closed(c.caseId(), c.memberId(), event.time());
    }

    void found(IncomingEvent event) {
        MemberFound m = reader.payload(event, MemberFound.class);
        cases.found(m.caseId(), m.memberId(), m.foundAt());
        if ("SEARCH_ATTEMPT".equals(m.foundBy()) || "MANUAL".equals(m.foundBy())) {
            record(event, m.memberId(), m.caseId(), m.foundAt(), ContactChannel.CASE_FOUND, CASE_SERVICE);
        }
    }

    void followedUp(IncomingEvent event) {
        FollowUpRecorded f = reader.payload(event, FollowUpRecorded.class);
        cases.followUpDone(f.caseId(), f.memberId(), f.followUpNo(), f.visitedAt(), f.result());
        if ("SEEN_OK".equals(f.result())) {
            record(event, f.memberId(), f.caseId(), f.visitedAt(), ContactChannel.FOLLOW_UP,
                    f.recordedBy() == null || f.recordedBy().isBlank() ? CASE_SERVICE : f.recordedBy());
        }
    }

    private void record(IncomingEvent event, UUID memberId, UUID caseId, Instant at, ContactChannel channel,
            String recordedBy) {
        if (!contacts.recordFromCase(memberId, caseId, at, channel, recordedBy)) {
            LOG.warnf("%s %s is about member %s, not (yet) registered here: ignored", event.name(), event.id(), memberId);
        }
    }
}
