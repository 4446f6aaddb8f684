package cn.lianxin.tracking.service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import cn.lianxin.platform.api.Page;
import cn.lianxin.platform.api.PageRequest;
import cn.lianxin.platform.outbox.Outbox;
import cn.lianxin.platform.problem.Problem.FieldError;
import cn.lianxin.platform.problem.ProblemException;
import cn.lianxin.platform.security.OrgScope;
import cn.lianxin.platform.time.ShanghaiCalendar;
import cn.lianxin.tracking.domain.ClockRule;
import cn.lianxin.tracking.domain.Contact;
import cn.lianxin.tracking.domain.ContactChannel;
import cn.lianxin.tracking.domain.ContactOutcome;
import cn.lianxin.tracking.domain.EmittedState;
import cn.lianxin.tracking.service.ContactEvents.ContactRecorded;
import cn.lianxin.tracking.service.ContactEvents.ContactRestored;
import cn.lianxin.tracking.repository.ClockRepository.OpenEmission;
import cn.lianxin.tracking.repository.ClockRepository.StoredClock;
import cn.lianxin.tracking.repository.ClockRepository;
import cn.lianxin.tracking.repository.ContactRepository;
import cn.lianxin.tracking.repository.LastContacts;
import cn.lianxin.tracking.repository.MemberRecord;
import cn.lianxin.tracking.repository.MemberRepository;
import cn.lianxin.tracking.service.ContactCommands.CheckIn;
import cn.lianxin.tracking.service.ContactCommands.RecordContact;
import cn.lianxin.tracking.service.ContactCommands.RecordContacts;

/** Records contacts (联系记录): the log, the member's last-contact dates, the clocks' restart and T8. */
@ApplicationScoped
@Transactional
public class ContactService {

    private final ContactRepository contacts;
    private final MemberRepository members;
    private final ClockRepository clockRows;
    private final Clocks clocks;
    private final MemberAccess access;
    private final OrgScope scope;
    private final Outbox outbox;
    private final Clock clock;

    public ContactService(ContactRepository contacts, MemberRepository members, ClockRepository clockRows,
            Clocks clocks, MemberAccess access, OrgScope scope, Outbox outbox, Clock clock) {
        this.contacts = contacts;
        this.members = members;
        this.clockRows = clockRows;
        this.clocks = clocks;
        this.access = access;
        this.scope = scope;
        this.outbox = outbox;
        this.clock = clock;
    }

    public Contact record(@NotNull @Valid RecordContact request) {
        NewContact contact = fromRequest(request);
        MemberRecord member = access.require(request.memberId(), note(request.memberId(), contact));
        if (request.at().toInstant().isAfter(clock.instant())) {
            throw ProblemException.invalidField("at", "must not be in the future");
        }
        if (request.at().toInstant().isBefore(EARLIEST_CONTACT)) {
            throw ProblemException.unprocessable("at: " + BEFORE_EARLIEST, List.of(new FieldError("at", BEFORE_EARLIEST)));
        }
        if (request.channel().isFromCase()) {
            throw ProblemException.invalidField("channel", CASE_CHANNEL);
        }
        return store(member, contact);
    }

    /**
     * No contact with a Party member can predate the Party (founded 1921-07-01, Shanghai time). The member's own join
     * date is not a bound: this service does not hold it, and a contact may be recorded for a member registered
     * later (a roster imported after the fact). Together with "not in the future", dates like 0001-01-01 are refused.
     */
    static final Instant EARLIEST_CONTACT = ShanghaiCalendar.startOfDay(LocalDate.of(1921, 7, 1));
    private static final String BEFORE_EARLIEST = "must not be before 1921-07-01 (the founding of the Party)";

    private static final String CASE_CHANNEL =
            "CASE_FOUND and FOLLOW_UP contacts come from case-service's events: record the finding or the follow-up there";

    /**
     * One fact, entered once (domain.md §4b): a case's finding or a follow-up visit that saw the member well is a
     * REACHED contact, recorded like any other (ContactRecorded, the clocks restart, ContactRestored for the states
     * it ends) with the case as its source. Runs in the consumer's transaction, after the inbox accepted the event.
     *
     * @return false when the member is not (yet) known here
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean recordFromCase(UUID memberId, UUID caseId, Instant at, ContactChannel channel, String recordedBy) {
        NewContact contact = new NewContact(at, channel, ContactOutcome.REACHED, recordedBy, null, caseId, null);
        return note(memberId, contact).map(member -> store(member, contact)).isPresent();
    }

    /** Who recorded a 报平安 by signed link: the member themself, with no account (no person's token). */
    public static final String SELF_CHECK_IN_LINK = "self-check-in";

    /**
     * 报平安 by signed link: a REACHED contact by {@code SELF_CHECK_IN} now, under the id the link's use was recorded
     * with, recorded like any other (ContactRecorded, the clocks restart, ContactRestored for the states it ends).
     * Runs in the transaction that marks the link used.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Contact recordSelfCheckInLink(UUID contactId, UUID memberId, Instant at) {
        NewContact contact = new NewContact(contactId, at.truncatedTo(ChronoUnit.MICROS), ContactChannel.SELF_CHECK_IN,
                ContactOutcome.REACHED, SELF_CHECK_IN_LINK, null, null, null);
        return store(note(memberId, contact).orElseThrow(() -> ProblemException.notFound("member", memberId)), contact);
    }

    /** A contact about to be stored: who recorded it is never the client's say. {@code id} null: a new one. */
    private record NewContact(UUID id, Instant at, ContactChannel channel, ContactOutcome outcome, String recordedBy,
            String contactedBy, UUID caseId, String note) {

        NewContact(Instant at, ContactChannel channel, ContactOutcome outcome, String recordedBy, String contactedBy,
                UUID caseId, String note) {
            this(null, at, channel, outcome, recordedBy, contactedBy, caseId, note);
        }
    }

    private NewContact fromRequest(RecordContact request) {
        return new NewContact(request.at().toInstant(), request.channel(), request.outcome(), scope.userId(),
                request.contactedBy(), null, request.note());
    }

    /**
     * A MEMBER checks in for themselves: a REACHED contact by {@code SELF_CHECK_IN} now, recorded like any other
     * (ContactRecorded, the clocks restart, ContactRestored for the states it ends).
     */
    public Contact checkIn(@Valid CheckIn request) {
        UUID self = access.selfId();
        if (request != null && request.memberId() != null && !request.memberId().equals(self)) {
            throw new ProblemException(403, "Forbidden", "a member checks in only for themselves",
                    List.of(new FieldError("memberId", "must be your own member id (token claim "
                            + OrgScope.MEMBER_CLAIM + ") or absent")));
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS); // as stored: the status reads back the same
        NewContact contact = new NewContact(now, ContactChannel.SELF_CHECK_IN, ContactOutcome.REACHED, scope.userId(),
                null, null, request == null ? null : request.note());
        return store(access.require(self, note(self, contact)), contact);
    }

    /** All or nothing: every item is checked first, and every problem is reported with its item's index. */
    public List<Contact> recordAll(@NotNull @Valid RecordContacts request) {
        Instant now = clock.instant();
        List<RecordContact> items = request.items();
        Map<UUID, MemberRecord> known = members.findAll(items.stream().map(RecordContact::memberId).toList());
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            RecordContact item = items.get(i);
            if (!Optional.ofNullable(known.get(item.memberId())).filter(access::canSee).isPresent()) {
                errors.add(new FieldError("items[" + i + "].memberId",
                        "member " + item.memberId() + " does not exist or is outside your organization"));
            }
            if (item.at().toInstant().isAfter(now)) {
                errors.add(new FieldError("items[" + i + "].at", "must not be in the future"));
            }
            if (item.at().toInstant().isBefore(EARLIEST_CONTACT)) {
                errors.add(new FieldError("items[" + i + "].at", BEFORE_EARLIEST));
            }
            if (item.channel().isFromCase()) {
                errors.add(new FieldError("items[" + i + "].channel", CASE_CHANNEL));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.unprocessable(errors.size() + " of " + items.size()
                    + " items cannot be recorded; nothing was recorded", errors);
        }
        return recordSheet(items, known);
    }

    /**
     * A sheet's contacts (an attendance sheet of 200 members) in a few statements: stored, announced and noted on their
     * members together, and each member's clocks re-planned once from all of their contacts. The members with an
     * announced state open have theirs applied one at a time instead, as a contact alone is, so that T8 names the
     * contact that ended each state; should a scan announce one between that look and the re-plan's lock, T8 names
     * the member's latest REACHED contact of the sheet.
     */
    private List<Contact> recordSheet(List<RecordContact> items, Map<UUID, MemberRecord> known) {
        Set<UUID> oneByOne = clockRows.withEmissionOpen(known.keySet());
        Contact[] recorded = new Contact[items.size()];
        List<Contact> together = new ArrayList<>();
        Map<UUID, LastContacts> notes = new LinkedHashMap<>();
        Map<UUID, Contact> latestReached = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            MemberRecord member = known.get(items.get(i).memberId());
            if (!oneByOne.contains(member.memberId())) {
                Contact contact = newContact(member, fromRequest(items.get(i)));
                recorded[i] = contact;
                together.add(contact);
                notes.merge(member.memberId(), LastContacts.NONE.with(contact.channel(), contact.outcome(), contact.at()),
                        (noted, first) -> noted.with(contact.channel(), contact.outcome(), contact.at()));
                if (contact.outcome() == ContactOutcome.REACHED) {
                    latestReached.merge(member.memberId(), contact, (a, b) -> b.at().isBefore(a.at()) ? a : b);
                }
            }
        }
        contacts.insertAll(together);
        outbox.appendAll(ContactEvents.CONTACT_RECORDED, together.stream()
                .map(contact -> new Outbox.Keyed(contact.memberId(), recordedEvent(contact))).toList());
        List<MemberRecord> reached = members.noteContacts(notes).stream()
                .filter(member -> latestReached.containsKey(member.memberId())).toList();
        clocks.replanAll(reached).forEach(memberId -> restore(known.get(memberId), latestReached.get(memberId)));
        for (int i = 0; i < items.size(); i++) {
            if (recorded[i] == null) { // noted one by one: an earlier item of the same member changed its dates
                NewContact contact = fromRequest(items.get(i));
                recorded[i] = store(note(items.get(i).memberId(), contact).orElseThrow(), contact);
            }
        }
        return List.of(recorded);
    }

    /** One contact, seen like its member's log: unknown, or about a member the caller may not see, is 404. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Contact get(UUID contactId) {
        return contacts.find(contactId)
                .filter(contact -> members.find(contact.memberId()).filter(access::canSee).isPresent())
                .orElseThrow(() -> ProblemException.notFound("contact", contactId));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<Contact> ofMember(UUID memberId, PageRequest page) {
        access.require(memberId);
        return contacts.ofMember(memberId, page);
    }

    /**
     * Notes a contact on its member's last-contact dates, in the statement that also answers the member as it now is
     * (empty: not known here): the read a contact needs anyway (its organization, the access check, the clocks'
     * re-plan), so that a contact costs one statement less (issue 14, P2). A contact then refused — a member the caller
     * may not see, a date out of bounds — rolls the note back with its transaction.
     */
    private Optional<MemberRecord> note(UUID memberId, NewContact contact) {
        return members.noteContact(memberId, LastContacts.NONE.with(contact.channel(), contact.outcome(), contact.at()));
    }

    /** Stores a contact {@link #note noted} on its member: the log, its event, the clocks' restart and T8. */
    private Contact store(MemberRecord noted, NewContact request) {
        Contact contact = newContact(noted, request);
        contacts.insert(contact);
        outbox.append(ContactEvents.CONTACT_RECORDED, noted.memberId(), recordedEvent(contact));
        if (contact.outcome() == ContactOutcome.REACHED && clocks.replan(noted)) {
            restore(noted, contact);
        }
        return contact;
    }

    private Contact newContact(MemberRecord member, NewContact request) {
        return new Contact(request.id() != null ? request.id() : UUID.randomUUID(), member.memberId(), member.orgId(),
                request.at(), request.channel(), request.outcome(), request.recordedBy(), request.contactedBy(),
                request.caseId(), request.note(), clock.instant());
    }

    private static ContactRecorded recordedEvent(Contact contact) {
        return new ContactRecorded(contact.id(), contact.memberId(), contact.orgId(), contact.at(), contact.channel(),
                contact.outcome(), contact.recordedBy(), contact.contactedBy(), contact.caseId());
    }

    /**
     * T8: the states this contact ended are cleared and announced; the re-planned clocks run from here. Asked only when
     * the re-planned clocks still have an announced state open.
     */
    private void restore(MemberRecord member, Contact contact) {
        List<OpenEmission> open = clockRows.openEmissions(member.memberId());
        if (open.isEmpty()) {
            return;
        }
        Map<ClockRule, StoredClock> current = clockRows.clocksOf(member.memberId()).stream()
                .collect(Collectors.toMap(StoredClock::rule, Function.identity()));
        List<String> clearedRules = open.stream().filter(e -> ended(e, current, contact.at()))
                .map(OpenEmission::rule).distinct().toList();
        if (clearedRules.isEmpty()) {
            return;
        }
        clockRows.clear(member.memberId(), clearedRules);
        List<EmittedState> cleared = clearedRules.stream().map(EmittedState::ofRule).distinct().sorted().toList();
        outbox.append(ContactEvents.CONTACT_RESTORED, member.memberId(), new ContactRestored(member.memberId(),
                member.orgId(), contact.id(), contact.at(), contact.channel(), cleared, contact.caseId()));
    }

    /** Whether the announced state no longer holds: its clock restarted after the announced period. */
    private static boolean ended(OpenEmission emission, Map<ClockRule, StoredClock> clocks, Instant at) {
        if (EmittedState.SELF_WITHDRAWAL_RULE.equals(emission.rule())) {
            return List.of(ClockRule.ORG_LIFE_ABSENCE, ClockRule.DUES_ABSENCE).stream()
                    .map(clocks::get).allMatch(c -> c == null || c.dueAt().isAfter(at));
        }
        StoredClock clock = clocks.get(ClockRule.valueOf(emission.rule()));
        return clock == null || clock.dueAt().isAfter(emission.dueAt());
    }
}
