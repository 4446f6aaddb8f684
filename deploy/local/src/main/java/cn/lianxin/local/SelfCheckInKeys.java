package cn.lianxin.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import cn.lianxin.bootstrap.JwtKeys;

/**
 * The key pair of the 报平安 (self check-in) links: notification-service signs each link with the private key,
 * tracking-service, which records the check-in, verifies it with the public key. A pair of its own, not the access
 * tokens' pair: a link is no access token, and an access token is no link. Made at start-up, like every key of the
 * local stack, and never committed.
 */
public final class SelfCheckInKeys {

    private final String privateKeyPem;
    private final String publicKeyPem;

    private SelfCheckInKeys(String privateKeyPem, String publicKeyPem) {
        this.privateKeyPem = privateKeyPem;
        this.publicKeyPem = publicKeyPem;
    }

    /** The pair kept in {@code dir}, made there first if there is none (or {@code fresh}). */
    public static SelfCheckInKeys in(Path dir, boolean fresh) {
        if (fresh || !Files.exists(dir.resolve(JwtKeys.PRIVATE_KEY_FILE))) {
            JwtKeys.generate(dir);
        }
        try {
            return new SelfCheckInKeys(Files.readString(dir.resolve(JwtKeys.PRIVATE_KEY_FILE)),
                    Files.readString(dir.resolve(JwtKeys.PUBLIC_KEY_FILE)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the self check-in keys in " + dir, e);
        }
    }

    /**
     * What {@code module} needs to take part, with links that lead to {@code trackingUrl}: notification-service the
     * private key (and self check-in enabled), tracking-service the public key, the others nothing.
     */
    public Map<String, String> environment(String module, String trackingUrl) {
        return switch (module) {
            case "notification-service" -> Map.of(
                    "LIANXIN_SELF_CHECK_IN_ENABLED", "true",
                    "LIANXIN_SELF_CHECK_IN_PRIVATE_KEY", privateKeyPem,
                    "LIANXIN_SELF_CHECK_IN_LINK_BASE", trackingUrl);
            case "tracking-service" -> Map.of("LIANXIN_SELF_CHECK_IN_PUBLIC_KEY", publicKeyPem);
            default -> Map.of();
        };
    }
}
