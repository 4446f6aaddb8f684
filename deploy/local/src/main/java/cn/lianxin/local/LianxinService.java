package cn.lianxin.local;

import java.util.List;

/** One of the four services: its Maven module (also its application name) and the HTTP port it listens on. */
public record LianxinService(String module, int port) {

    /** The services with the ports of docs/architecture.md, in start order. */
    public static final List<LianxinService> DEFAULTS = List.of(
            new LianxinService("member-service", 8081),
            new LianxinService("tracking-service", 8082),
            new LianxinService("case-service", 8083),
            new LianxinService("notification-service", 8084));

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public LianxinService onPort(int otherPort) {
        return new LianxinService(module, otherPort);
    }
}
