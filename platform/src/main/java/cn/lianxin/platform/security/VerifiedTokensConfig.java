package cn.lianxin.platform.security;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How many bearer tokens a service remembers as verified, and for how long ({@link VerifiedTokens}). */
@ConfigMapping(prefix = "lianxin.security.verified-tokens")
public interface VerifiedTokensConfig {

    /**
     * Tokens remembered at once (the least recently used go first); 0: every request verifies its token's signature.
     * An entry is the token and its claims, a few KB.
     */
    @WithDefault("1000")
    int maxSize();

    /**
     * How long a verification is trusted before the token's signature is checked again. A key withdrawn from an OIDC
     * provider's key set stops being accepted within this time plus the key set's refresh interval
     * ({@code smallrye.jwt.jwks.refresh-interval}).
     */
    @WithDefault("PT5M")
    Duration timeToLive();
}
