package cn.lianxin.platform.security;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;

import cn.lianxin.contracts.TokenClaims;
import cn.lianxin.platform.problem.ProblemException;

/**
 * Answers "may this caller see org X?" the same way in every service: an ADMIN sees everything, anyone
 * else sees the subtree below the org named in their token's {@code org} claim. Outside it, things do not
 * exist for the caller (404, not 403: the tree is not to be probed). The {@code member} claim names the
 * caller's own member record: what a LIAISON's assigned members and a MEMBER's self check-in refer to.
 */
@RequestScoped
public class OrgScope {

    public static final String ORG_CLAIM = TokenClaims.ORG;
    /** The caller's own member id, mapped in by the identity provider like {@code org}. */
    public static final String MEMBER_CLAIM = TokenClaims.MEMBER;

    private final SecurityIdentity identity;
    private final JsonWebToken token;
    private final OrgPaths paths;

    public OrgScope(SecurityIdentity identity, JsonWebToken token, OrgPaths paths) {
        this.identity = identity;
        this.token = token;
        this.paths = paths;
    }

    public boolean isAdmin() {
        return identity.hasRole(Roles.ADMIN);
    }

    public String userId() {
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }

    /** The caller's org, from the token; absent for a system ADMIN token without one. */
    public Optional<UUID> callerOrg() {
        return uuidClaim(ORG_CLAIM);
    }

    /** The caller's own member id, from the token; absent for staff tokens that do not carry one. */
    public Optional<UUID> callerMember() {
        return uuidClaim(MEMBER_CLAIM);
    }

    /**
     * A liaison (联络员) and nothing wider: sees only the flow members assigned to them. A liaison who is
     * also a secretary, an org admin or an auditor keeps the subtree of that role.
     */
    public boolean isLiaisonOnly() {
        return identity.hasRole(Roles.LIAISON) && !identity.hasRole(Roles.ADMIN) && !identity.hasRole(Roles.ORG_ADMIN)
                && !identity.hasRole(Roles.SECRETARY) && !identity.hasRole(Roles.AUDITOR);
    }

    private Optional<UUID> uuidClaim(String name) {
        Object claim = token.getClaim(name);
        if (claim == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(claim.toString().replace("\"", "")));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public boolean canSee(UUID orgId) {
        if (isAdmin()) {
            return true;
        }
        Optional<UUID> own = callerOrg();
        return own.isPresent() && paths.pathOf(orgId).map(p -> p.contains("/" + own.get() + "/")).orElse(false);
    }

    /** Throws 404 for an org outside the caller's subtree. */
    public void requireVisible(UUID orgId, String what, Object id) {
        if (!canSee(orgId)) {
            throw ProblemException.notFound(what, id);
        }
    }

    /**
     * The path prefix that limits a subtree query ({@code path LIKE prefix || '%'}): {@code /} for an
     * ADMIN, the caller's org path otherwise; empty when the caller's org is unknown here (sees nothing).
     */
    public Optional<String> visiblePathPrefix() {
        if (isAdmin()) {
            return Optional.of("/");
        }
        return callerOrg().flatMap(paths::pathOf);
    }
}
