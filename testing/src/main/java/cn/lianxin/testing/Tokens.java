package cn.lianxin.testing;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

import cn.lianxin.platform.security.OrgScope;
import cn.lianxin.platform.security.Roles;

/**
 * Mints signed bearer tokens as the identity provider would: {@code sub}, {@code groups} = roles, {@code org},
 * and for a person who is a member (a LIAISON, a MEMBER) {@code member} = their own member id.
 */
public final class Tokens {

    public static final String ISSUER = "https://lianxin.local";

    private final JwtKeys keys;

    public Tokens(JwtKeys keys) {
        this.keys = keys;
    }

    /** Tokens signed with the key pair of the running test JVM (see {@link LianxinTestResource}). */
    public static Tokens forTests() {
        return new Tokens(LianxinTestResource.jwtKeys());
    }

    public String admin() {
        return mint("admin", Roles.ADMIN, null, Duration.ofHours(1));
    }

    public String forRole(String role, UUID org) {
        return mint(role.toLowerCase() + "@" + org, role, org, Duration.ofHours(1));
    }

    /** A token of someone who is a member: a LIAISON (their assigned members) or a MEMBER (self check-in). */
    public String forMember(String role, UUID org, UUID memberId) {
        return mint(subjectOf(role, memberId), role, org, memberId, Duration.ofHours(1));
    }

    /** The {@code sub} of a {@link #forMember} token: what "recorded by" shows. */
    public static String subjectOf(String role, UUID memberId) {
        return role.toLowerCase() + ":" + memberId;
    }

    public String mint(String subject, String role, UUID org, Duration validity) {
        return mint(subject, role, org, null, validity);
    }

    public String mint(String subject, String role, UUID org, UUID memberId, Duration validity) {
        JwtClaimsBuilder claims = Jwt.issuer(ISSUER).subject(subject).upn(subject).groups(Set.of(role))
                .expiresIn(validity);
        if (org != null) {
            claims.claim(OrgScope.ORG_CLAIM, org.toString());
        }
        if (memberId != null) {
            claims.claim(OrgScope.MEMBER_CLAIM, memberId.toString());
        }
        return claims.sign(keys.privateKey());
    }

}
