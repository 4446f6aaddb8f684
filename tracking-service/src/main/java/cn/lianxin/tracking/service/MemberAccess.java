package cn.lianxin.tracking.service;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;

import cn.lianxin.platform.problem.Problem.FieldError;
import cn.lianxin.platform.problem.ProblemException;
import cn.lianxin.platform.security.OrgScope;
import cn.lianxin.tracking.repository.MemberRecord;
import cn.lianxin.tracking.repository.MemberRepository;

/**
 * Finds a member the caller may see: unknown and outside the caller's subtree both answer 404. A liaison (联络员)
 * sees, within their subtree, only the flow members assigned to them (the token's {@code member} claim).
 */
@RequestScoped
public class MemberAccess {

    /** A liaison filter no member's liaison matches: a liaison token without a member id sees nobody. */
    private static final String NO_LIAISON = "none";

    private final MemberRepository members;
    private final OrgScope scope;

    public MemberAccess(MemberRepository members, OrgScope scope) {
        this.members = members;
        this.scope = scope;
    }

    public MemberRecord require(UUID memberId) {
        return require(memberId, members.find(memberId));
    }

    /**
     * {@link #require} of a member already read, as {@code found}: by a statement that also changed it, whose
     * transaction then rolls back with the 404.
     */
    public MemberRecord require(UUID memberId, Optional<MemberRecord> found) {
        return found.filter(this::canSee).orElseThrow(() -> ProblemException.notFound("member", memberId));
    }

    /** The caller's own member id, the token's {@code member} claim (a MEMBER's self check-in); 404 without it. */
    public UUID selfId() {
        return scope.callerMember().orElseThrow(() -> new ProblemException(404, "Not Found",
                "your token names no member (claim " + OrgScope.MEMBER_CLAIM + ")", List.of()));
    }

    public boolean canSee(MemberRecord member) {
        if (scope.isAdmin()) {
            return true;
        }
        boolean inSubtree = scope.callerOrg().map(member::isUnder).orElse(false);
        if (scope.isLiaisonOnly()) {
            return inSubtree && scope.callerMember().map(member::isAssignedTo).orElse(false);
        }
        return inSubtree;
    }

    /** The caller's subtree as a path prefix for SQL {@code LIKE prefix || '%'}; "" matches nothing visible. */
    public String visiblePrefix() {
        return scope.visiblePathPrefix().orElse("/nothing-visible/");
    }

    /**
     * The liaison whose members a list shows ({@code m.liaison ->> 'memberId'}), or null for everyone visible.
     * A liaison's lists are always their own: asking for another liaison's answers 403.
     */
    public String liaisonFilter(UUID requested) {
        if (scope.isLiaisonOnly()) {
            Optional<UUID> self = scope.callerMember();
            if (requested != null && !self.map(requested::equals).orElse(false)) {
                throw new ProblemException(403, "Forbidden", "a liaison sees only their own work list",
                        List.of(new FieldError("liaisonId", "must be your own member id or absent")));
            }
            return self.map(UUID::toString).orElse(NO_LIAISON);
        }
        return requested == null ? null : requested.toString();
    }
}
