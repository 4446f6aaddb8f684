package cn.lianxin.kafka;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to start a {@link KafkaBroker}.
 *
 * @param host       interface both listeners bind to (and the address clients are told to use)
 * @param port       PLAINTEXT port; 0 picks a free one
 * @param dataDir    where logs and metadata live; null means a fresh temp dir, deleted on close
 * @param partitions default partition count (num.partitions) for topics created without one
 * @param proxied    a second listener whose clients are told to connect through a proxy; null for none
 */
public record BrokerSettings(String host, int port, Path dataDir, int partitions, ProxiedListener proxied) {

    /**
     * A second listener on {@code port} that advertises {@code advertisedPort} (a TCP proxy forwarding to
     * {@code port}): a client bootstrapped through the proxy reaches the broker only through it, so that a test can
     * cut that client off the broker while every other client keeps talking to it.
     */
    public record ProxiedListener(int port, int advertisedPort) {
    }

    public static final String LOCALHOST = "127.0.0.1";
    public static final int DEFAULT_PARTITIONS = 6;

    public BrokerSettings {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, was " + partitions);
        }
    }

    /** Free ports and a throw-away data dir: for tests. */
    public static BrokerSettings ephemeral() {
        return new BrokerSettings(LOCALHOST, 0, null, DEFAULT_PARTITIONS, null);
    }

    /** A known port and a data dir that survives restarts: for local development. */
    public static BrokerSettings fixed(int port, Path dataDir) {
        return new BrokerSettings(LOCALHOST, port, Objects.requireNonNull(dataDir, "dataDir"), DEFAULT_PARTITIONS, null);
    }

    /** The same broker with a {@link ProxiedListener} too. */
    public BrokerSettings withProxiedListener(int listenerPort, int advertisedPort) {
        return new BrokerSettings(host, port, dataDir, partitions, new ProxiedListener(listenerPort, advertisedPort));
    }
}
