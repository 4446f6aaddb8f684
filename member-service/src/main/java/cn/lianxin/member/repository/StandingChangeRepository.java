package cn.lianxin.member.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

import cn.lianxin.member.domain.StandingChange;

/** The history of 党籍 changes. */
@ApplicationScoped
public class StandingChangeRepository implements PanacheRepositoryBase<StandingChange, UUID> {

    /** The member's changes in the order they took effect. */
    public List<StandingChange> history(UUID memberId) {
        return list("memberId = ?1 order by effectiveAt, recordedAt", memberId);
    }
}
