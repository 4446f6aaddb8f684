package cn.lianxin.tracking.service;

import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;

import cn.lianxin.platform.problem.ProblemException;
import cn.lianxin.platform.security.OrgScope;
import cn.lianxin.tracking.repository.MemberRecord;
import cn.lianxin.tracking.repository.MemberRepository;

/** Finds a member the caller may see: unknown and outside the caller's subtree both answer 404. */
@RequestScoped
public class MemberAccess {

    private final MemberRepository members;
    private final OrgScope scope;

    public MemberAccess(MemberRepository members, OrgScope scope) {
        this.members = members;
        this.scope = scope;
    }

    public MemberRecord require(UUID memberId) {
        return members.find(memberId).filter(this::canSee)
                .orElseThrow(() -> ProblemException.notFound("member", memberId));
    }

    public boolean canSee(MemberRecord member) {
        return scope.isAdmin() || scope.callerOrg().map(member::isUnder).orElse(false);
    }

    /** The caller's subtree as a path prefix for SQL {@code LIKE prefix || '%'}; "" matches nothing visible. */
    public String visiblePrefix() {
        return scope.visiblePathPrefix().orElse("/nothing-visible/");
    }
}
