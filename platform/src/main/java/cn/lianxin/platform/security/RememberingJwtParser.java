package cn.lianxin.platform.security;

import java.time.Clock;
import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * SmallRye JWT's parser, which Quarkus's bearer-token authentication calls for every request, with the tokens it
 * verified remembered ({@link VerifiedTokens}). Everything else it does — keys, key sets, algorithms, claims — is the
 * parser's own.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class RememberingJwtParser extends DefaultJWTParser {

    private VerifiedTokens verifiedTokens;

    @Inject
    void remember(VerifiedTokensConfig config, JWTAuthContextInfo context) {
        verifiedTokens = new VerifiedTokens(config.maxSize(), config.timeToLive(),
                Optional.ofNullable(context.getTokenAge()), Clock.systemUTC());
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        return verifiedTokens.parse(token, super::parse);
    }
}
