package cn.lianxin.tracking.messaging;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import cn.lianxin.platform.events.EventReader;
import cn.lianxin.platform.events.IncomingEvent;
import cn.lianxin.platform.inbox.SetHandler;
import cn.lianxin.tracking.domain.ClockRule;
import cn.lianxin.tracking.messaging.MemberEventViews.FlowedOut;
import cn.lianxin.tracking.messaging.MemberEventViews.LiaisonAssigned;
import cn.lianxin.tracking.messaging.MemberEventViews.ProfileChanged;
import cn.lianxin.tracking.messaging.MemberEventViews.Registered;
import cn.lianxin.tracking.messaging.MemberEventViews.ReportedIn;
import cn.lianxin.tracking.messaging.MemberEventViews.Returned;
import cn.lianxin.tracking.messaging.MemberEventViews.StandingChanged;
import cn.lianxin.tracking.messaging.MemberEventViews.TransferInTransit;
import cn.lianxin.tracking.messaging.MemberEventViews.Transferred;
import cn.lianxin.tracking.repository.ClockRepository;
import cn.lianxin.tracking.repository.MemberRepository;
import cn.lianxin.tracking.repository.MemberRepository.Registration;
import cn.lianxin.tracking.service.Clocks;

/**
 * Projects member-service's member events into table {@code member} and re-plans the member's clocks. Runs in
 * the consumer's transaction, after the inbox accepted the event id (a redelivery never gets here); each
 * handler is also an idempotent overwrite, so a replay of the topic converges to the same state.
 */
@ApplicationScoped
public class MemberProjection {

    private static final Logger LOG = Logger.getLogger(MemberProjection.class);

    private final EventReader reader;
    private final MemberRepository members;
    private final ClockRepository clockRows;
    private final Clocks clocks;
    private final Clock clock;

    public MemberProjection(EventReader reader, MemberRepository members, ClockRepository clockRows, Clocks clocks,
            Clock clock) {
        this.reader = reader;
        this.members = members;
        this.clockRows = clockRows;
        this.clocks = clocks;
        this.clock = clock;
    }

    public Map<String, Consumer<IncomingEvent>> handlers() {
        return Map.of(
                "MemberProfileChanged", this::profileChanged,
                "LiaisonAssigned", this::liaisonAssigned,
                "MemberFlowedOut", this::flowedOut,
                "MemberReportedIn", this::reportedIn,
                "MemberReturned", this::returned,
                "MemberTransferred", this::transferred,
                "TransferIssued", this::transferInTransit,
                "TransferReceiptOverdue", this::transferInTransit,
                "MemberStandingChanged", this::standingChanged);
    }

    /** MemberRegistered a run at a time (a district's 花名册 import announces thousands at once). */
    public Map<String, SetHandler<?>> setHandlers() {
        return Map.of("MemberRegistered", new RegisteredRun());
    }

    /** Each member of the run is stored and their clocks planned, all of them in a few statements. */
    private final class RegisteredRun implements SetHandler<List<Registration>> {

        @Override
        public List<Registration> lookUp(List<IncomingEvent> events) {
            return new ArrayList<>(events.size()); // a registration needs nothing read first
        }

        @Override
        public void apply(IncomingEvent event, List<Registration> run) {
            Registered m = reader.payload(event, Registered.class);
            run.add(new Registration(m.memberId(), m.orgId(), MemberEventViews.path(m.orgPath()), m.name(),
                    m.category(), m.standing(), m.registeredAt(), tags(m.focusTags())));
        }

        @Override
        public void complete(List<Registration> run) {
            clocks.replanAll(members.registerAll(run, clock.instant()));
        }
    }

    void profileChanged(IncomingEvent event) {
        ProfileChanged m = reader.payload(event, ProfileChanged.class);
        if (known(m.memberId(), event)) {
            members.changeProfile(m.memberId(), m.orgId(), m.name(), m.category(),
                    m.focusTagsChanged() ? tags(m.focusTags()) : null, clock.instant());
        }
    }

    void liaisonAssigned(IncomingEvent event) {
        LiaisonAssigned m = reader.payload(event, LiaisonAssigned.class);
        if (known(m.memberId(), event)) {
            members.assignLiaison(m.memberId(), m.liaison().toString(), clock.instant());
        }
    }

    void flowedOut(IncomingEvent event) {
        FlowedOut m = reader.payload(event, FlowedOut.class);
        if (known(m.memberId(), event)) {
            members.flowOut(m.memberId(), m.outflowId(), m.leftAt(),
                    m.destination() == null ? null : m.destination().place(), clock.instant());
            clocks.replan(m.memberId());
        }
    }

    void reportedIn(IncomingEvent event) {
        ReportedIn m = reader.payload(event, ReportedIn.class);
        if (known(m.memberId(), event)) {
            members.reportIn(m.memberId(), m.outflowId(), m.reportedInAt(), clock.instant());
            clockRows.clear(m.memberId(), List.of(ClockRule.UNCONTROLLED.name()));
            clocks.replan(m.memberId());
        }
    }

    void returned(IncomingEvent event) {
        Returned m = reader.payload(event, Returned.class);
        if (known(m.memberId(), event)) {
            members.returned(m.memberId(), m.outflowId(), clock.instant());
            clockRows.clear(m.memberId(), List.of(ClockRule.UNCONTROLLED.name(), ClockRule.LIAISON_MONTHLY.name()));
            clocks.replan(m.memberId());
        }
    }

    void transferred(IncomingEvent event) {
        Transferred m = reader.payload(event, Transferred.class);
        if (known(m.memberId(), event)) {
            // Out of the system (toExternalOrg): the member leaves this register and every clock stops.
            members.transferred(m.memberId(), m.orgId(), MemberEventViews.path(m.orgPath()), m.toOrgId() != null,
                    clock.instant());
            members.transferReceived(m.memberId(), m.transferId());
            clocks.replan(m.memberId());
        }
    }

    /**
     * A signal of the loss-risk score: from TransferIssued (or, for a letter issued before member-service announced
     * them, TransferReceiptOverdue) the member is between two orgs until the receipt comes back (MemberTransferred).
     */
    void transferInTransit(IncomingEvent event) {
        TransferInTransit m = reader.payload(event, TransferInTransit.class);
        if (known(m.memberId(), event)) {
            members.transferInTransit(m.memberId(), m.transferId(), m.issuedAt(), m.dueAt());
        }
    }

    void standingChanged(IncomingEvent event) {
        StandingChanged m = reader.payload(event, StandingChanged.class);
        if (known(m.memberId(), event)) {
            boolean restored = "ACTIVE".equals(m.to()) && !"ACTIVE".equals(m.from());
            members.changeStanding(m.memberId(), m.to(), restored ? m.effectiveAt() : null, clock.instant());
            if (!"ACTIVE".equals(m.to())) {
                // Exempt from every clock: what was announced before no longer calls for action.
                clockRows.clear(m.memberId(), List.of(ClockRule.values()).stream().map(Enum::name).toList());
            }
            clocks.replan(m.memberId());
        }
    }

    /** The focus tags this service knows (tolerant reader: a tag added to the contracts later is kept as text). */
    private static List<String> tags(List<String> focusTags) {
        return focusTags == null ? List.of() : focusTags.stream().distinct().sorted().toList();
    }

    private boolean known(UUID memberId, IncomingEvent event) {
        boolean known = members.find(memberId).isPresent();
        if (!known) {
            LOG.warnf("%s %s is about member %s, not (yet) registered here: ignored", event.name(), event.id(), memberId);
        }
        return known;
    }
}
