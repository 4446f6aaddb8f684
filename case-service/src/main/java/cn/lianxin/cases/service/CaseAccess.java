package cn.lianxin.cases.service;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import cn.lianxin.cases.domain.CaseFile;
import cn.lianxin.cases.domain.Member;
import cn.lianxin.cases.repository.CaseRepository;
import cn.lianxin.cases.repository.MemberRepository;
import cn.lianxin.platform.problem.ProblemException;
import cn.lianxin.platform.security.OrgScope;

/** Which case files and members the caller may see and act for: their org's subtree, a liaison their own members. */
@ApplicationScoped
public class CaseAccess {

    private final CaseRepository cases;
    private final MemberRepository members;
    private final OrgScope scope;

    public CaseAccess(CaseRepository cases, MemberRepository members, OrgScope scope) {
        this.cases = cases;
        this.members = members;
        this.scope = scope;
    }

    /** Whether an org path lies in the caller's subtree. */
    public boolean visible(String orgPath) {
        return scope.visiblePathPrefix().map(orgPath::startsWith).orElse(false);
    }

    /**
     * The members a liaison-only caller (联络员) acts for: those assigned to them (none without a {@code member}
     * claim); empty for every other caller, who is bound by the subtree only.
     */
    public Optional<List<UUID>> liaisonMembers() {
        if (!scope.isLiaisonOnly()) {
            return Optional.empty();
        }
        return Optional.of(scope.callerMember().map(members::assignedTo).orElse(List.of()));
    }

    /** Whether the caller may act for the member: anyone but a liaison-only caller, who acts for their own members. */
    public boolean mayActFor(UUID memberId) {
        if (!scope.isLiaisonOnly()) {
            return true;
        }
        Optional<UUID> self = scope.callerMember();
        return self.isPresent() && members.find(memberId).map(Member::liaisonMemberId).filter(self.get()::equals)
                .isPresent();
    }

    /**
     * The case, or 404 when it does not exist, lies outside the caller's subtree or, for a liaison, is not about a
     * member assigned to them.
     */
    public CaseFile visibleCase(UUID id) {
        CaseFile file = cases.find(id).orElse(null);
        if (file == null || !visible(file.orgPath) || !mayActFor(file.memberId)) {
            throw ProblemException.notFound("Case", id);
        }
        return file;
    }
}
