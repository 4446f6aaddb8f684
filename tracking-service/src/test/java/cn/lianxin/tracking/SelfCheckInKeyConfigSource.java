package cn.lianxin.tracking;

import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The tests' configuration of the 报平安 links: notification-service's public key is the test pair's
 * ({@link SelfCheckInKeys}), as a deployment sets {@code lianxin.self-check-in.public-key}. Registered for this
 * module's tests only (src/test/resources/META-INF/services), below application.properties and the environment.
 */
public class SelfCheckInKeyConfigSource implements ConfigSource {

    static final String KEY = "lianxin.self-check-in.public-key";

    @Override
    public Map<String, String> getProperties() {
        return Map.of(KEY, SelfCheckInKeys.publicKeyPem());
    }

    @Override
    public Set<String> getPropertyNames() {
        return Set.of(KEY);
    }

    @Override
    public String getValue(String propertyName) {
        return KEY.equals(propertyName) ? SelfCheckInKeys.publicKeyPem() : null;
    }

    @Override
    public String getName() {
        return "tracking-tests-self-check-in-key";
    }

    @Override
    public int getOrdinal() {
        return 200;
    }
}
