package cn.lianxin.platform.security;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;

/**
 * Refuses a token issued in the future (its {@code iat} beyond the allowed clock skew): SmallRye JWT checks the
 * token's age ({@code mp.jwt.verify.token.age}) and lifetime ({@code smallrye.jwt.time-to-live}) but not this. Wall
 * clock time, never the service's (time-travelling) clock: tokens are issued in real time.
 */
@ApplicationScoped
public class TokenTimes implements SecurityIdentityAugmentor {

    private final Clock wallClock;
    private final long clockSkewSeconds;

    @Inject
    public TokenTimes(@ConfigProperty(name = "mp.jwt.verify.clock.skew", defaultValue = "60") long clockSkewSeconds) {
        this(Clock.systemUTC(), clockSkewSeconds);
    }

    TokenTimes(Clock wallClock, long clockSkewSeconds) {
        this.wallClock = wallClock;
        this.clockSkewSeconds = clockSkewSeconds;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.getPrincipal() instanceof JsonWebToken token && issuedInTheFuture(token.getIssuedAtTime())) {
            return Uni.createFrom().failure(new AuthenticationFailedException("token issued in the future"));
        }
        return Uni.createFrom().item(identity);
    }

    /** @param issuedAt {@code iat} in epoch seconds (0 when absent) */
    public boolean issuedInTheFuture(long issuedAt) {
        return issuedAt > wallClock.instant().getEpochSecond() + clockSkewSeconds;
    }
}
