package cn.lianxin.tracking.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import cn.lianxin.tracking.config.TrackingConfig;
import cn.lianxin.tracking.domain.ClockPlanner;
import cn.lianxin.tracking.domain.PlannedClock;
import cn.lianxin.tracking.repository.ClockRepository;
import cn.lianxin.tracking.repository.MemberRecord;
import cn.lianxin.tracking.repository.MemberRepository;

/** Re-plans members' clocks after anything they depend on changed (a member event or a contact). */
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
        return replanAll(List.of(member)).contains(member.memberId());
    }

    /**
     * Re-plans each member's clocks from the record given, in a few statements for them all.
     *
     * @return the members with an announced state still open on their re-planned clocks
     */
    @Transactional(TxType.MANDATORY)
    public Set<UUID> replanAll(List<MemberRecord> records) {
        Map<UUID, List<PlannedClock>> plans = new LinkedHashMap<>();
        records.forEach(member -> plans.put(member.memberId(), planner.plan(member.clockState())));
        return clocks.replaceAll(plans);
    }
}
