package cn.lianxin.bootstrap;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

import cn.lianxin.contracts.TokenClaims;

/**
 * Mints signed bearer tokens as the identity provider would (see {@link TokenClaims}): {@code sub}, {@code groups} =
 * the role, {@code org}, and for a person who is a member (a LIAISON, a MEMBER) {@code member} = their own member id.
 * For the local stack and the tests only: a deployment's tokens come from its identity provider.
 */
public final class TokenMinter {

    /** The issuer the services expect by default ({@code mp.jwt.verify.issuer}). */
    public static final String ISSUER = "https://lianxin.local";

    private final JwtKeys keys;

    public TokenMinter(JwtKeys keys) {
        this.keys = keys;
    }

    /** The {@code sub} of a member's token (a LIAISON, a MEMBER): what "recorded by" shows. */
    public static String subjectOf(String role, UUID memberId) {
        return role.toLowerCase() + ":" + memberId;
    }

    /**
     * @param org      where the role is held; null for ADMIN
     * @param memberId the holder's own member id; null unless LIAISON or MEMBER
     */
    public String mint(String subject, String role, UUID org, UUID memberId, Duration validity) {
        JwtClaimsBuilder claims = Jwt.issuer(ISSUER).subject(subject).upn(subject).groups(Set.of(role))
                .expiresIn(validity);
        if (org != null) {
            claims.claim(TokenClaims.ORG, org.toString());
        }
        if (memberId != null) {
            claims.claim(TokenClaims.MEMBER, memberId.toString());
        }
        return claims.sign(keys.privateKey());
    }
}
