package cn.lianxin.member.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

import cn.lianxin.member.domain.Outflow;
import cn.lianxin.member.domain.OutflowStatus;

/** Flow members' outflows (流动党员外出). */
@ApplicationScoped
public class OutflowRepository implements PanacheRepositoryBase<Outflow, UUID> {

    /** Whether the member has an outflow that has not ended with the return. */
    public boolean hasOpen(UUID memberId) {
        return Exists.any(getEntityManager(), "Outflow", "memberId = ?1 and status <> ?2", memberId, OutflowStatus.RETURNED);
    }

    /** The member's outflows, latest first. */
    public List<Outflow> ofMember(UUID memberId) {
        return list("memberId = ?1 order by leftAt desc, createdAt desc", memberId);
    }
}
