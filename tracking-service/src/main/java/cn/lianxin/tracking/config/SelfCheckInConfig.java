package cn.lianxin.tracking.config;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/**
 * 报平安 by signed link (docs/domain.md §7): notification-service signs the links with its own private key; this
 * service checks them with the matching public key. Without one the feature is off: every link answers 404.
 */
@ConfigMapping(prefix = "lianxin.self-check-in")
public interface SelfCheckInConfig {

    /**
     * notification-service's public key, PEM text of an X.509 SubjectPublicKeyInfo RSA key
     * ({@code -----BEGIN PUBLIC KEY-----}); env {@code LIANXIN_SELF_CHECK_IN_PUBLIC_KEY}.
     */
    Optional<String> publicKey();
}
