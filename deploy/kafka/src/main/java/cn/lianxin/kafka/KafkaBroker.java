package cn.lianxin.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real single-node Kafka broker (KRaft, combined broker + controller) running inside this JVM.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final String PROXIED_LISTENER = "PROXIED";
    private static final String LOCK_FILE = "broker.lock";
    private static final String LOG_DIR = "kraft-combined-logs";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    // Closing a second channel on the lock file would drop this JVM's lock, so same-JVM clashes are caught here.
    private static final Set<Path> LOCKED_IN_THIS_JVM = ConcurrentHashMap.newKeySet();

    private final Path dataDir;
    private final boolean deleteOnClose;
    private final FileLock lock;
    private KafkaRaftServer server;
    private String bootstrapServers;
    private boolean closed;

    private KafkaBroker(Path dataDir, boolean deleteOnClose, FileLock lock) {
        this.dataDir = dataDir;
        this.deleteOnClose = deleteOnClose;
        this.lock = lock;
    }

    /** Starts the broker and returns once it accepts requests; throws if it cannot. */
    public static KafkaBroker start(BrokerSettings settings) {
        try {
            boolean temporary = settings.dataDir() == null;
            Path dataDir = temporary
                    ? Files.createTempDirectory("lianxin-kafka-")
                    : Files.createDirectories(settings.dataDir()).toRealPath();
            KafkaBroker broker = new KafkaBroker(dataDir, temporary, lock(dataDir));
            try {
                broker.boot(settings);
                return broker;
            } catch (RuntimeException | Error e) {
                try {
                    broker.close();
                } catch (RuntimeException closeFailure) {
                    e.addSuppressed(closeFailure);
                }
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** host:port for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Path dataDir() {
        return dataDir;
    }

    /**
     * Creates the topics that do not exist yet, with the settings of {@link LianxinTopics#configs} for this single
     * broker, and waits until the broker accepts writes to them.
     */
    public void createTopics(Map<String, Integer> partitionsByTopic) {
        List<NewTopic> topics = partitionsByTopic.entrySet().stream()
                .map(topic -> new NewTopic(topic.getKey(), topic.getValue(), (short) 1)
                        .configs(LianxinTopics.configs(topic.getKey(), LianxinTopics.LOCAL_MIN_INSYNC_REPLICAS)))
                .toList();
        try (Admin admin = admin()) {
            for (KafkaFuture<Void> created : admin.createTopics(topics).values().values()) {
                try {
                    await(created);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("could not create topics " + partitionsByTopic.keySet(), e.getCause());
                    }
                }
            }
            awaitTopicsWritable(admin, partitionsByTopic.keySet());
        }
    }

    /** Controlled shutdown, then frees the data dir (and deletes it if it was temporary). */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (server != null) {
                server.shutdown();
                server.awaitShutdown();
            }
        } finally {
            unlock();
            if (deleteOnClose) {
                try {
                    Utils.delete(dataDir.toFile());
                } catch (IOException e) {
                    throw new UncheckedIOException("could not delete " + dataDir, e);
                }
            }
        }
    }

    private void boot(BrokerSettings settings) {
        String host = settings.host();
        int port = settings.port() == 0 ? freePort(host) : requireFreePort(host, settings.port());
        // Static voter config (not stored on disk), so the controller port may differ after a restart.
        int controllerPort = freePort(host);
        Path logDir = dataDir.resolve(LOG_DIR);
        KafkaConfig config = new KafkaConfig(brokerProperties(settings, port, controllerPort, logDir));
        formatIfNeeded(logDir);

        server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup(); // returns once the broker is unfenced and its listeners accept requests
        bootstrapServers = host + ":" + port;
        awaitReady();
    }

    private static Map<String, String> brokerProperties(BrokerSettings settings, int port, int controllerPort, Path logDir) {
        String host = settings.host();
        Map<String, String> props = new HashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort);
        String listeners = "PLAINTEXT://" + host + ":" + port + "," + CONTROLLER_LISTENER + "://" + host + ":" + controllerPort;
        String advertised = "PLAINTEXT://" + host + ":" + port;
        String protocols = "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT";
        if (settings.proxied() != null) {
            // A client that came in on this listener is told the proxy's address for every later connection.
            listeners += "," + PROXIED_LISTENER + "://" + host + ":" + settings.proxied().port();
            advertised += "," + PROXIED_LISTENER + "://" + host + ":" + settings.proxied().advertisedPort();
            protocols += "," + PROXIED_LISTENER + ":PLAINTEXT";
        }
        props.put("listeners", listeners);
        props.put("advertised.listeners", advertised);
        props.put("listener.security.protocol.map", protocols);
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", logDir.toString());
        // One node: every internal topic must make do with a single replica.
        props.put("offsets.topic.replication.factor", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        // No reason to wait for more group members to join on a dev/test broker.
        props.put("group.initial.rebalance.delay.ms", "0");
        // Topics are created explicitly with their partition counts (see LianxinTopics).
        props.put("auto.create.topics.enable", "false");
        props.put("num.partitions", String.valueOf(settings.partitions()));
        // A broker restarted after a kill (SIGKILL, a crash; not after a clean stop) registers anew, and the controller,
        // which restarts with it, refuses the new registration until it has heard nothing from the broker's previous
        // life for a whole session: Kafka's 9 s made such a restart take 14.3 s to ready instead of 5.6 (8.4 s with
        // these). One node with its controller in the same JVM: a 3 s session, heartbeats every half second.
        props.put("broker.heartbeat.interval.ms", "500");
        props.put("broker.session.timeout.ms", "3000");
        return props;
    }

    // Formatting only a fresh dir keeps the data (and cluster id) of an earlier run.
    private static void formatIfNeeded(Path logDir) {
        if (Files.exists(logDir.resolve(MetaPropertiesEnsemble.META_PROPERTIES_NAME))) {
            return;
        }
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(logDir.toString()))
                    .setMetadataLogDirectory(logDir.toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .setUnstableFeatureVersionsEnabled(false)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("could not format Kafka storage in " + logDir, e);
        }
    }

    // startup() already waited for the broker; this proves a client can really talk to it.
    private void awaitReady() {
        try (Admin admin = admin()) {
            Collection<Node> nodes = await(admin.describeCluster().nodes());
            if (nodes.isEmpty()) {
                throw new IllegalStateException("broker at " + bootstrapServers + " reports no live nodes");
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("broker at " + bootstrapServers + " did not become ready", e.getCause());
        }
    }

    // The controller commits a new topic a moment before this broker serves it: wait until it leads partition 0.
    private static void awaitTopicsWritable(Admin admin, Collection<String> topics) {
        Map<TopicPartition, OffsetSpec> firstPartitions = topics.stream()
                .collect(Collectors.toMap(topic -> new TopicPartition(topic, 0), topic -> OffsetSpec.latest()));
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            try {
                await(admin.listOffsets(firstPartitions).all());
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
                    throw new IllegalStateException("topics " + topics + " did not become available", e.getCause());
                }
            }
            pause();
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis()));
    }

    private static <T> T await(KafkaFuture<T> future) throws ExecutionException {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within " + TIMEOUT, e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", e);
        }
    }

    // Without this lock a second broker on the same dir hangs instead of failing.
    private static FileLock lock(Path dataDir) throws IOException {
        if (!LOCKED_IN_THIS_JVM.add(dataDir)) {
            throw alreadyInUse(dataDir);
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(dataDir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw alreadyInUse(dataDir);
            }
            return lock;
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            LOCKED_IN_THIS_JVM.remove(dataDir);
            throw e;
        }
    }

    private void unlock() {
        try {
            lock.channel().close(); // also releases the lock
        } catch (IOException e) {
            throw new UncheckedIOException("could not release " + dataDir.resolve(LOCK_FILE), e);
        } finally {
            LOCKED_IN_THIS_JVM.remove(dataDir);
        }
    }

    private static IllegalStateException alreadyInUse(Path dataDir) {
        return new IllegalStateException("another broker is using " + dataDir);
    }

    private static int requireFreePort(String host, int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(host))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("port " + port + " on " + host + " is already in use", e);
        }
    }

    private static int freePort(String host) {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + host, e);
        }
    }
}
