package cn.lianxin.member.service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import cn.lianxin.member.config.MemberRulesConfig;
import cn.lianxin.member.domain.Handshake;
import cn.lianxin.member.domain.Handshake.State;
import cn.lianxin.member.domain.Org;
import cn.lianxin.member.repository.HandshakeRepository;
import cn.lianxin.member.domain.Handshake.Side;
import cn.lianxin.member.service.HandshakeViews.HandshakeList;
import cn.lianxin.member.service.HandshakeViews.HandshakeView;
import cn.lianxin.platform.api.Page;
import cn.lianxin.platform.api.PageRequest;
import cn.lianxin.platform.time.ShanghaiCalendar;

/**
 * The handshakes of outflows and transfers ({@link Handshake}) of a subtree, on the sending side (the member left
 * from it, the letter was issued by it), on the receiving side (the org the member reports to, or the letter goes to, is
 * in it), or on either: both orgs see the same state.
 */
@ApplicationScoped
public class HandshakeService {

    private final MemberAccess access;
    private final HandshakeRepository handshakes;
    private final MemberRulesConfig rules;
    private final Clock clock;

    public HandshakeService(MemberAccess access, HandshakeRepository handshakes, MemberRulesConfig rules, Clock clock) {
        this.access = access;
        this.handshakes = handshakes;
        this.rules = rules;
        this.clock = clock;
    }

    @Transactional
    public HandshakeList list(UUID orgId, Side side, State state, Instant asOf, PageRequest page) {
        Org org = access.org(orgId);
        LocalDate day = ShanghaiCalendar.dateOf(asOf != null ? asOf : clock.instant());
        Page<HandshakeView> found = handshakes.list(org.path, side, state, day, rules.handshakeEscalationGrace(), page)
                .map(h -> new HandshakeView(h.kind(), h.id(), h.memberId(), h.memberName(), h.sendingOrgId(),
                        h.receivingOrgId(), h.receivingOrgName(), h.startedAt(), h.dueAt(), h.confirmedAt(), h.state(),
                        h.confirmedAt() != null ? 0 : Handshake.daysOverdue(h.dueAt(), day)));
        return new HandshakeList(day, rules.handshakeEscalationGrace(), found.items(), found.page(), found.size(),
                found.total());
    }
}
