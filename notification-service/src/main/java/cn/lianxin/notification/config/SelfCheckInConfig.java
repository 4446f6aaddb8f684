package cn.lianxin.notification.config;

import java.time.Period;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * 报平安 self check-in links (docs/domain.md §7): where a city enables it, the quarterly ContactMissed reminder also
 * reaches the member with a personal signed link that tracking-service accepts without an account.
 */
@ConfigMapping(prefix = "lianxin.self-check-in")
public interface SelfCheckInConfig {

    /** false (default): the reminder goes to the liaison (or the branch secretary) only. */
    @WithDefault("false")
    boolean enabled();

    /**
     * PEM text of the PKCS#8 RSA private key that signs the links ({@code -----BEGIN PRIVATE KEY-----}); tracking-service
     * verifies with its public key. Required when {@link #enabled()}: the service does not start without it.
     */
    Optional<String> privateKey();

    /** How long a link is valid after it is issued (ISO-8601 period). */
    @WithDefault("P14D")
    Period linkValidity();

    /** tracking-service's public address; the link is {@code <link-base>/self-check-in/<token>}. */
    @WithDefault("http://localhost:8082")
    String linkBase();
}
