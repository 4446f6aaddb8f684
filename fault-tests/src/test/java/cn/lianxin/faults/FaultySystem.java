package cn.lianxin.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import cn.lianxin.local.LianxinService;
import cn.lianxin.local.ServiceProcess;
import cn.lianxin.local.peers.MessagePeers;
import cn.lianxin.testing.KafkaEvents;
import cn.lianxin.testing.LianxinTestResource;
import cn.lianxin.testing.TcpProxy;
import cn.lianxin.testing.Tokens;
import cn.lianxin.testing.TestJvm;

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

    private static final String MANAGEMENT_PORT = "QUARKUS_MANAGEMENT_PORT";

    private static FaultySystem started;

    final BrokerProcess broker;
    /** Between tracking-service and PostgreSQL. */
    final TcpProxy trackingDatabase;
    /** Between tracking-service and the broker (its proxied listener). */
    final TcpProxy trackingBroker;
    /** The instance of each service that the scenarios talk to, by module. */
    final Map<String, ServiceProcess> services;
    final Database database;
    private final MessagePeers peers;
    private final Path root;
    /** The environment each module was first started with (tracking-service's goes through the proxies). */
    private final Map<String, Map<String, String>> environments;
    /** Further instances started by a scenario ({@link #startInstance}), stopped with the rest when the JVM ends. */
    private final List<ServiceProcess> extras;
    /** Whether the services run with a scenario's own environment ({@link #restart} with overrides). */
    private boolean altered;

    private FaultySystem(BrokerProcess broker, TcpProxy trackingDatabase, TcpProxy trackingBroker,
            Map<String, ServiceProcess> services, Database database, MessagePeers peers, Path root,
            Map<String, Map<String, String>> environments, List<ServiceProcess> extras) {
        this.broker = broker;
        this.trackingDatabase = trackingDatabase;
        this.trackingBroker = trackingBroker;
        this.services = services;
        this.database = database;
        this.peers = peers;
        this.root = root;
        this.environments = environments;
        this.extras = extras;
    }

    static synchronized FaultySystem get() {
        if (started == null) {
            started = start();
        } else if (started.altered) {
            // A scenario restarted services with an environment of its own: the next one gets them back as first
            // started. Done here rather than at the end of that scenario, so the last scenario costs no restart.
            started.restart(modules(), Map.of(), Path.of("target/fault-logs/restored"));
        }
        return started;
    }

    String url(String module) {
        return services.get(module).service().url();
    }

    /** Where {@code module}'s health and metrics are: a management port of its own. */
    String managementUrl(String module) {
        return services.get(module).managementUrl();
    }

    /** The log of the instance of {@code module} that the scenarios talk to. */
    Path log(String module) {
        return services.get(module).log();
    }

    KafkaEvents events() {
        return new KafkaEvents(broker.bootstrapServers());
    }

    /**
     * Starts one more instance of {@code module} on a free port, as its first instance was started (the same database,
     * broker and consumer groups) plus {@code overrides}, logging to {@code logs/<module>.log}. It is not waited for:
     * {@link ServiceProcess#awaitReady}.
     */
    synchronized ServiceProcess startInstance(String module, Map<String, String> overrides, Path logs) {
        ServiceProcess instance = ServiceProcess.start(root, new LianxinService(module, 0), environment(module, overrides),
                createdDirectory(logs));
        extras.add(instance);
        return instance;
    }

    /** Stops instances started by {@link #startInstance}. */
    synchronized void stopInstances(List<ServiceProcess> instances) {
        ServiceProcess.stopAll(instances);
        extras.removeAll(instances);
    }

    /**
     * Stops the instances of {@code modules} that the scenarios talk to, side by side, and starts each again on its port
     * with its first environment plus {@code overrides} (none: as first started), logging to {@code logs}; returns once
     * they are ready. With overrides, the next {@link #get} starts them again as first started.
     */
    synchronized void restart(List<String> modules, Map<String, Map<String, String>> overrides, Path logs) {
        altered = !overrides.isEmpty();
        ServiceProcess.stopAll(modules.stream().map(services::get).toList());
        for (String module : modules) {
            Map<String, String> env = environment(module, overrides.getOrDefault(module, Map.of()));
            services.put(module, ServiceProcess.start(root, services.get(module).service(), env, createdDirectory(logs)));
        }
        modules.forEach(module -> services.get(module).awaitReady(Duration.ofSeconds(180)));
    }

    private Map<String, String> environment(String module, Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>(environments.get(module));
        env.putAll(overrides);
        return env;
    }

    private static Path createdDirectory(Path dir) {
        try {
            return Files.createDirectories(dir.toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        env.put("LIANXIN_LOG_JSON", "false"); // text logs, as the scenarios read them
        env.putAll(TestJvm.environment());

        String jdbcUrl = env.get("LIANXIN_DB_URL");
        URI database = URI.create(jdbcUrl.substring("jdbc:".length()));
        TcpProxy trackingDatabase = TcpProxy.start(0, database.getHost(), database.getPort());
        Map<String, String> trackingEnv = new HashMap<>(env);
        trackingEnv.put("LIANXIN_DB_URL", jdbcUrl.replace(database.getHost() + ":" + database.getPort(),
                "127.0.0.1:" + trackingDatabase.port()));
        trackingEnv.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + trackingBroker.port());

        Map<String, ServiceProcess> services = new LinkedHashMap<>();
        List<ServiceProcess> extras = new CopyOnWriteArrayList<>();
        Map<String, Map<String, String>> environments = new HashMap<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            List<ServiceProcess> all = new ArrayList<>(services.values());
            all.addAll(extras);
            ServiceProcess.stopAll(all);
            broker.stop();
            trackingBroker.close();
            trackingDatabase.close();
            peers.close();
        }, "lianxin-faults-stop"));
        for (LianxinService service : LianxinService.DEFAULTS) {
            Map<String, String> serviceEnv = new HashMap<>(service.module().equals(TRACKING) ? trackingEnv : env);
            // Free ports, taken as each binds them and named once it listens (ports chosen here would be free for any
            // other program until then); health and metrics on a management port of each one's own.
            serviceEnv.put(MANAGEMENT_PORT, "0");
            environments.put(service.module(), Map.copyOf(serviceEnv));
            services.put(service.module(), ServiceProcess.start(root, service.onPort(0), serviceEnv, logs));
        }
        services.values().forEach(process -> process.awaitReady(Duration.ofSeconds(120)));
        return new FaultySystem(broker, trackingDatabase, trackingBroker, services,
                Database.asAdministrator(jdbcUrl), peers, root, environments, extras);
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
