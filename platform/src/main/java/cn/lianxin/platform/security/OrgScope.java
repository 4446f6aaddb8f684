package cn.lianxin.platform.security;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;

import cn.lianxin.platform.problem.ProblemException;

/**
 * Answers "may this caller see org X?" the same way in every service: an ADMIN sees everything, anyone
 * else sees the subtree below the org named in their token's {@code org} claim. Outside it, things do not
 * exist for the caller (404, not 403: the tree is not to be probed).
 */
@RequestScoped
public class OrgScope {

    public static final String ORG_CLAIM = "org";

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
        Object claim = token.getClaim(ORG_CLAIM);
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
