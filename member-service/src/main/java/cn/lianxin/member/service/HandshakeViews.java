package cn.lianxin.member.service;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.UUID;

import cn.lianxin.member.domain.Handshake.Kind;
import cn.lianxin.member.domain.Handshake.State;

/** What {@link HandshakeService} answers: the handshakes of outflows and transfers as both sides see them. */
public final class HandshakeViews {

    private HandshakeViews() {
    }

    /**
     * One handshake: an outflow (报到 due) or a transfer (回执 due), the member, the sending branch, the receiving org
     * (its id when it is in this system), when it started, the due day, the confirmation, its state and the days past
     * the due day while unconfirmed.
     */
    public record HandshakeView(Kind kind, UUID id, UUID memberId, String memberName, UUID sendingOrgId,
            UUID receivingOrgId, String receivingOrgName, LocalDate startedAt, LocalDate dueAt, Instant confirmedAt,
            State state, long daysOverdue) {
    }

    /** A page of handshakes as of a day, with the grace after which the superior org of the sending side is told. */
    public record HandshakeList(LocalDate asOf, Period escalationGrace, List<HandshakeView> items, int page, int size,
            long total) {
    }
}
