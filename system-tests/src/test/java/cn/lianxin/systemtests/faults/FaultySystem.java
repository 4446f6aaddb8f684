package cn.lianxin.systemtests.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.lianxin.local.LianxinService;
import cn.lianxin.local.ServiceProcess;
import cn.lianxin.local.peers.MessagePeers;
import cn.lianxin.testing.KafkaEvents;
import cn.lianxin.testing.LianxinTestResource;
import cn.lianxin.testing.TcpProxy;
import cn.lianxin.testing.Tokens;

/**
 * The four packaged services, started once for every fault scenario of this JVM, with what a fault needs in reach:
 * the broker runs in a JVM of its own ({@link BrokerProcess}, to be killed), and tracking-service reaches both
 * PostgreSQL and the broker through {@link TcpProxy proxies} (to be cut off), while the other services and the test
 * itself talk to them directly.
 */
final class FaultySystem {

    static final String MEMBER = "member-service";
    static final String TRACKING = "tracking-service";
    static final String CASES = "case-service";
    static final String NOTIFICATION = "notification-service";

    private static FaultySystem started;

    final BrokerProcess broker;
    /** Between tracking-service and PostgreSQL. */
    final TcpProxy trackingDatabase;
    /** Between tracking-service and the broker (its proxied listener). */
    final TcpProxy trackingBroker;
    final Map<String, ServiceProcess> services;
    final Database database;
    private final MessagePeers peers;

    private FaultySystem(BrokerProcess broker, TcpProxy trackingDatabase, TcpProxy trackingBroker,
            Map<String, ServiceProcess> services, Database database, MessagePeers peers) {
        this.broker = broker;
        this.trackingDatabase = trackingDatabase;
        this.trackingBroker = trackingBroker;
        this.services = services;
        this.database = database;
        this.peers = peers;
    }

    static synchronized FaultySystem get() {
        if (started == null) {
            started = start();
        }
        return started;
    }

    String url(String module) {
        return services.get(module).service().url();
    }

    KafkaEvents events() {
        return new KafkaEvents(broker.bootstrapServers());
    }

    static String admin() {
        return new Tokens(LianxinTestResource.jwtKeys()).admin();
    }

    private static FaultySystem start() {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Path logs = Path.of("target/fault-logs").toAbsolutePath();
        Path kafkaData = Path.of("target/fault-kafka").toAbsolutePath();
        try {
            Files.createDirectories(logs);
            deleteRecursively(kafkaData); // a broker of an earlier run must not bring its topics along
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        MessagePeers peers = MessagePeers.start(0, 0, logs.resolve("messages.log"));
        Map<String, String> env = new HashMap<>(LianxinTestResource.serviceEnvironment());
        env.putAll(peers.serviceEnvironment());

        int proxiedListener = freePort();
        TcpProxy trackingBroker = TcpProxy.start(0, "127.0.0.1", proxiedListener);
        BrokerProcess broker = BrokerProcess.start(freePort(), proxiedListener, trackingBroker.port(), kafkaData,
                logs.resolve("kafka.log"));
        env.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());

        String jdbcUrl = env.get("LIANXIN_DB_URL");
        URI database = URI.create(jdbcUrl.substring("jdbc:".length()));
        TcpProxy trackingDatabase = TcpProxy.start(0, database.getHost(), database.getPort());
        Map<String, String> trackingEnv = new HashMap<>(env);
        trackingEnv.put("LIANXIN_DB_URL", jdbcUrl.replace(database.getHost() + ":" + database.getPort(),
                "127.0.0.1:" + trackingDatabase.port()));
        trackingEnv.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + trackingBroker.port());

        Map<String, ServiceProcess> services = new LinkedHashMap<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            ServiceProcess.stopAll(services.values());
            broker.stop();
            trackingBroker.close();
            trackingDatabase.close();
            peers.close();
        }, "lianxin-faults-stop"));
        for (LianxinService service : LianxinService.DEFAULTS) {
            Map<String, String> serviceEnv = service.module().equals(TRACKING) ? trackingEnv : env;
            services.put(service.module(), ServiceProcess.start(root, service.onPort(freePort()), serviceEnv, logs));
        }
        services.values().forEach(process -> process.awaitReady(Duration.ofSeconds(120)));
        return new FaultySystem(broker, trackingDatabase, trackingBroker, services,
                Database.asAdministrator(jdbcUrl), peers);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    static List<String> modules() {
        return List.of(MEMBER, TRACKING, CASES, NOTIFICATION);
    }
}
