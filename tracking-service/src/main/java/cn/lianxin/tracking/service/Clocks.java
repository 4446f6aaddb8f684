package cn.lianxin.tracking.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import cn.lianxin.tracking.config.TrackingConfig;
import cn.lianxin.tracking.domain.ClockPlanner;
import cn.lianxin.tracking.repository.ClockRepository;
import cn.lianxin.tracking.repository.MemberRecord;
import cn.lianxin.tracking.repository.MemberRepository;

/** Re-plans one member's clocks after anything they depend on changed (a member event or a contact). */
@ApplicationScoped
public class Clocks {

    private final MemberRepository members;
    private final ClockRepository clocks;
    private final ClockPlanner planner;

    public Clocks(MemberRepository members, ClockRepository clocks, TrackingConfig config) {
        this.members = members;
        this.clocks = clocks;
        this.planner = new ClockPlanner(config.periods());
    }

    @Transactional(TxType.MANDATORY)
    public void replan(UUID memberId) {
        members.find(memberId).ifPresent(this::replan);
    }

    /** @return whether an announced state is still open on the member's re-planned clocks (something a contact may end) */
    @Transactional(TxType.MANDATORY)
    public boolean replan(MemberRecord member) {
        return clocks.replace(member.memberId(), planner.plan(member.clockState()));
    }
}
