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
 */
public record BrokerSettings(String host, int port, Path dataDir, int partitions) {

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
        return new BrokerSettings(LOCALHOST, 0, null, DEFAULT_PARTITIONS);
    }

    /** A known port and a data dir that survives restarts: for local development. */
    public static BrokerSettings fixed(int port, Path dataDir) {
        return new BrokerSettings(LOCALHOST, port, Objects.requireNonNull(dataDir, "dataDir"), DEFAULT_PARTITIONS);
    }
}
