package cn.lianxin.member.service;

import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;

import io.quarkus.security.identity.SecurityIdentity;

import cn.lianxin.member.domain.Member;
import cn.lianxin.member.domain.Org;
import cn.lianxin.member.repository.MemberRepository;
import cn.lianxin.member.repository.OrgRepository;
import cn.lianxin.platform.problem.ProblemException;
import cn.lianxin.platform.security.OrgScope;
import cn.lianxin.platform.security.Roles;

/**
 * Finds members and orgs the caller may see; anything outside the caller's subtree does not exist (404). A LIAISON
 * (without a wider role) sees only the members assigned to them and a MEMBER only themselves (token claim
 * {@code member}, docs/domain.md §6): for them no org, and no other member, exists.
 */
@RequestScoped
public class MemberAccess {

    private final MemberRepository members;
    private final OrgRepository orgs;
    private final OrgScope scope;
    private final SecurityIdentity identity;

    public MemberAccess(MemberRepository members, OrgRepository orgs, OrgScope scope, SecurityIdentity identity) {
        this.members = members;
        this.orgs = orgs;
        this.scope = scope;
        this.identity = identity;
    }

    public Member member(UUID id) {
        Member member = members.findById(id);
        if (member == null || !maySee(member)) {
            throw ProblemException.notFound("Member", id);
        }
        return member;
    }

    /** A member named in a request body: an unknown or invisible one is a 400 on that field. */
    public Member member(UUID id, String field) {
        Member member = members.findById(id);
        if (member == null || !maySee(member)) {
            throw ProblemException.invalidField(field, "member " + id + " does not exist or is outside your organization");
        }
        return member;
    }

    public Org org(UUID id) {
        Org org = orgs.findById(id);
        if (org == null || !canSee(id)) {
            throw ProblemException.notFound("Organization", id);
        }
        return org;
    }

    /** The path of an org the caller sees (404 otherwise), by which its subtree is selected. */
    public String subtreePath(UUID id) {
        return org(id).path;
    }

    public Org org(UUID id, String field) {
        Org org = orgs.findById(id);
        if (org == null || !canSee(id)) {
            throw ProblemException.invalidField(field, "organization " + id + " does not exist or is outside your organization");
        }
        return org;
    }

    /** Whether the caller sees the org's subtree: never a LIAISON or a MEMBER, who are bound to people. */
    public boolean canSee(UUID orgId) {
        return !isPersonBound() && scope.canSee(orgId);
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    public String userId() {
        return scope.userId();
    }

    /** The caller's org (token claim {@code org}); absent for a system ADMIN without one. */
    public java.util.Optional<UUID> callerOrg() {
        return scope.callerOrg();
    }

    public boolean isAdmin() {
        return scope.isAdmin();
    }

    private boolean maySee(Member member) {
        if (!scope.canSee(member.orgId)) {
            return false;
        }
        if (scope.isLiaisonOnly()) {
            UUID caller = scope.callerMember().orElse(null);
            return caller != null && member.liaison != null && caller.equals(member.liaison.memberId);
        }
        if (isMemberOnly()) {
            return scope.callerMember().map(member.id::equals).orElse(false);
        }
        return true;
    }

    /** A LIAISON or a MEMBER without a staff role: acts for people, not for an org's subtree. */
    private boolean isPersonBound() {
        return scope.isLiaisonOnly() || isMemberOnly();
    }

    private boolean isMemberOnly() {
        return identity.hasRole(Roles.MEMBER) && !identity.hasRole(Roles.ADMIN) && !identity.hasRole(Roles.ORG_ADMIN)
                && !identity.hasRole(Roles.SECRETARY) && !identity.hasRole(Roles.AUDITOR) && !identity.hasRole(Roles.LIAISON);
    }
}
