package cn.lianxin.member.service;

import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;

import io.quarkus.security.identity.SecurityIdentity;

import cn.lianxin.member.domain.Member;
import cn.lianxin.member.domain.Org;
import cn.lianxin.platform.problem.ProblemException;
import cn.lianxin.platform.security.OrgScope;

/** Finds members and orgs the caller may see; anything outside the caller's subtree does not exist (404). */
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
        if (member == null || !scope.canSee(member.orgId)) {
            throw ProblemException.notFound("Member", id);
        }
        return member;
    }

    /** A member named in a request body: an unknown or invisible one is a 400 on that field. */
    public Member member(UUID id, String field) {
        Member member = members.findById(id);
        if (member == null || !scope.canSee(member.orgId)) {
            throw ProblemException.invalidField(field, "member " + id + " does not exist or is outside your organization");
        }
        return member;
    }

    public Org org(UUID id) {
        Org org = orgs.findById(id);
        if (org == null || !scope.canSee(id)) {
            throw ProblemException.notFound("Organization", id);
        }
        return org;
    }

    public Org org(UUID id, String field) {
        Org org = orgs.findById(id);
        if (org == null || !scope.canSee(id)) {
            throw ProblemException.invalidField(field, "organization " + id + " does not exist or is outside your organization");
        }
        return org;
    }

    public boolean canSee(UUID orgId) {
        return scope.canSee(orgId);
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    public String userId() {
        return scope.userId();
    }
}
