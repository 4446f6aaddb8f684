package cn.lianxin.cases.messaging;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import cn.lianxin.cases.repository.MemberRepository;
import cn.lianxin.cases.repository.MemberRepository.Registration;
import cn.lianxin.cases.service.CaseService;
import cn.lianxin.platform.events.EventReader;
import cn.lianxin.platform.events.IncomingEvent;
import cn.lianxin.platform.inbox.LatestRun;
import cn.lianxin.platform.inbox.SetHandler;

/**
 * This service's view of the register (name, branch and its path, category, standing, liaison), from member.events.
 * Events of one member arrive in order (keyed by member id); a stale event never overwrites a newer one.
 */
@ApplicationScoped
public class MemberProjection {

    record Registered(UUID memberId, UUID orgId, List<UUID> orgPath, String name, String category, String standing,
            Instant registeredAt) {
    }

    record ProfileChanged(UUID memberId, String name, String category) {
    }

    record Transferred(UUID memberId, UUID orgId, List<UUID> orgPath, UUID toOrgId) {
    }

    record StandingChanged(UUID memberId, String to, Instant effectiveAt) {
    }

    record LiaisonAssigned(UUID memberId, Liaison liaison) {
    }

    /** Only the liaison's member id matters here: a named cadre who is not a member has none. */
    record Liaison(UUID memberId) {
    }

    /** Standings that end membership outside a case (§3b): an open case closes with that resolution. */
    private static final Set<String> LEFT_THE_PARTY = Set.of("DECEASED", "WITHDRAWN", "EXPELLED");

    private final MemberRepository members;
    private final EventReader reader;
    /** Told when a member leaves the register, so that an open case closes. */
    private final CaseService cases;

    public MemberProjection(MemberRepository members, EventReader reader, CaseService cases) {
        this.members = members;
        this.reader = reader;
        this.cases = cases;
    }

    public Map<String, Consumer<IncomingEvent>> handlers() {
        return Map.of("MemberProfileChanged", this::profileChanged, "MemberTransferred", this::transferred,
                "MemberStandingChanged", this::standingChanged, "LiaisonAssigned", this::liaisonAssigned);
    }

    /** MemberRegistered, a run at a time: a roster import announces thousands at once, kept in one statement. */
    public Map<String, SetHandler<?>> setHandlers() {
        return Map.of("MemberRegistered", new LatestRun<>(this::registration, Registration::memberId, Registration::at,
                values -> members.register(values)));
    }

    private Registration registration(IncomingEvent event) {
        Registered m = reader.payload(event, Registered.class);
        return new Registration(m.memberId(), m.orgId(), path(m.orgPath()), m.name(), m.category(), m.standing(),
                m.registeredAt(), event.time());
    }

    @Transactional(TxType.MANDATORY)
    void profileChanged(IncomingEvent event) {
        ProfileChanged m = reader.payload(event, ProfileChanged.class);
        members.changeProfile(m.memberId(), event.time(), m.name(), m.category());
    }

    @Transactional(TxType.MANDATORY)
    void transferred(IncomingEvent event) {
        Transferred m = reader.payload(event, Transferred.class);
        if (m.toOrgId() == null) {
            // Transferred out of the system: the member leaves this register.
            members.transferOut(m.memberId(), event.time());
            cases.onMemberLeft(m.memberId(), "TRANSFERRED_OUT", event.time());
        } else {
            members.transfer(m.memberId(), event.time(), m.orgId(), path(m.orgPath()));
        }
    }

    @Transactional(TxType.MANDATORY)
    void standingChanged(IncomingEvent event) {
        StandingChanged m = reader.payload(event, StandingChanged.class);
        members.changeStanding(m.memberId(), event.time(), m.to(), m.effectiveAt());
        if (LEFT_THE_PARTY.contains(m.to())) {
            cases.onMemberLeft(m.memberId(), m.to(), m.effectiveAt());
        }
    }

    @Transactional(TxType.MANDATORY)
    void liaisonAssigned(IncomingEvent event) {
        LiaisonAssigned m = reader.payload(event, LiaisonAssigned.class);
        UUID liaison = m.liaison() == null ? null : m.liaison().memberId();
        members.assignLiaison(m.memberId(), event.time(), liaison);
    }

    private static String path(List<UUID> ids) {
        StringBuilder path = new StringBuilder("/");
        ids.forEach(id -> path.append(id).append('/'));
        return path.toString();
    }
}
