package cn.lianxin.testing;

import java.time.Duration;
import java.util.UUID;

import cn.lianxin.bootstrap.JwtKeys;
import cn.lianxin.bootstrap.TokenMinter;
import cn.lianxin.platform.security.Roles;

/** Tokens for the tests, by role ({@link TokenMinter} makes them). */
public final class Tokens {

    public static final String ISSUER = TokenMinter.ISSUER;

    private final TokenMinter minter;

    public Tokens(JwtKeys keys) {
        this.minter = new TokenMinter(keys);
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
        return TokenMinter.subjectOf(role, memberId);
    }

    public String mint(String subject, String role, UUID org, Duration validity) {
        return mint(subject, role, org, null, validity);
    }

    public String mint(String subject, String role, UUID org, UUID memberId, Duration validity) {
        return minter.mint(subject, role, org, memberId, validity);
    }
}
