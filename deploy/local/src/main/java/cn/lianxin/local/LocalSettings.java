package cn.lianxin.local;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Where the local stack keeps its state, which ports it takes and which address its services listen on, from the
 * environment:
 * <ul>
 *   <li>{@code LIANXIN_LOCAL_PORT_OFFSET} (default 0): added to every port of the stack — the services' 8081–8084 and
 *   their management ports 9081–9084, Kafka's 9092, SMTP's 2525, the SMS/WeChat gateway's 9701 — so that a second stack,
 *   or a test, runs beside the first. The database's port is {@code LIANXIN_LOCAL_DB_PORT} ({@link LocalDatabase}).</li>
 *   <li>{@code LIANXIN_LOCAL_BIND} (default 127.0.0.1): the address the services listen on; Kafka, the embedded
 *   PostgreSQL and the message stand-ins always listen on 127.0.0.1.</li>
 *   <li>{@code LIANXIN_LOCAL_STATE} (default {@code target/local} of the checkout): keys, broker data, embedded
 *   database, demo ids, logs.</li>
 * </ul>
 */
public record LocalSettings(Path state, int offset, String bind) {

    static final int KAFKA_PORT = 9092;
    static final int SMTP_PORT = 2525;
    static final int GATEWAY_PORT = 9701;
    /** A service's management port (health, metrics, when its build serves them apart) is its HTTP port plus this. */
    static final int MANAGEMENT_PORT_DISTANCE = 1000;

    public static LocalSettings of(Path root, Map<String, String> env) {
        String state = env.get("LIANXIN_LOCAL_STATE");
        String offset = env.get("LIANXIN_LOCAL_PORT_OFFSET");
        String bind = env.get("LIANXIN_LOCAL_BIND");
        int portOffset = offset == null || offset.isBlank() ? 0 : Integer.parseInt(offset.strip());
        if (portOffset < 0 || 9701 + MANAGEMENT_PORT_DISTANCE + portOffset > 65535) {
            throw new IllegalArgumentException("LIANXIN_LOCAL_PORT_OFFSET must be between 0 and " + (65535 - 9701 - MANAGEMENT_PORT_DISTANCE)
                    + ", got " + offset);
        }
        return new LocalSettings(
                state == null || state.isBlank() ? root.resolve("target/local") : Path.of(state).toAbsolutePath().normalize(),
                portOffset,
                bind == null || bind.isBlank() ? "127.0.0.1" : bind.strip());
    }

    /** The four services on their ports of docs/architecture.md, plus the offset. */
    public List<LianxinService> services() {
        return LianxinService.DEFAULTS.stream().map(service -> service.onPort(service.port() + offset)).toList();
    }

    public int managementPort(LianxinService service) {
        return service.port() + MANAGEMENT_PORT_DISTANCE;
    }

    public int kafkaPort() {
        return KAFKA_PORT + offset;
    }

    public int smtpPort() {
        return SMTP_PORT + offset;
    }

    public int gatewayPort() {
        return GATEWAY_PORT + offset;
    }
}
