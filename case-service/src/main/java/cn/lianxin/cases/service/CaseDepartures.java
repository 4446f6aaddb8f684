package cn.lianxin.cases.service;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import cn.lianxin.cases.messaging.MemberProjection;

/** A member who died or was transferred out of the system closes their open case (CaseClosed DECEASED / TRANSFERRED_OUT). */
@ApplicationScoped
public class CaseDepartures implements MemberProjection.Departures {

    private final CaseService cases;

    public CaseDepartures(CaseService cases) {
        this.cases = cases;
    }

    @Override
    @Transactional(TxType.MANDATORY)
    public void memberLeft(UUID memberId, String resolution, Instant at) {
        cases.onMemberLeft(memberId, resolution, at);
    }
}
