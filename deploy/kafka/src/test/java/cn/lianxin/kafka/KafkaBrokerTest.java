package cn.lianxin.kafka;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaBrokerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @BeforeAll
    static void quietBrokerLogs() {
        KafkaLauncher.quietKafkaLogging();
    }

    @Test
    void ephemeralBrokerServesLianxinTopics() throws Exception {
        Path dataDir;
        try (KafkaBroker broker = KafkaBroker.start(BrokerSettings.ephemeral())) {
            dataDir = broker.dataDir();
            broker.createTopics(LianxinTopics.all());
            broker.createTopics(LianxinTopics.all()); // existing topics are fine

            Map<String, Integer> expected = LianxinTopics.all();
            assertEquals(12, expected.size()); // six topics (docs/events.md, "Topics"), each with its dead-letter topic
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
                Map<String, TopicDescription> topics =
                        admin.describeTopics(expected.keySet()).allTopicNames().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                expected.forEach((topic, partitions) ->
                        assertEquals(partitions, topics.get(topic).partitions().size(), topic));
                // Retention, cleanup and min.insync.replicas are the topic's own settings, not the broker's defaults.
                List<ConfigResource> resources = expected.keySet().stream()
                        .map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic)).toList();
                Map<ConfigResource, Config> configs =
                        admin.describeConfigs(resources).all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                configs.forEach((resource, config) -> {
                    String topic = resource.name();
                    long days = topic.endsWith(".dlq") && !topic.equals("lookup.answers.dlq") ? 90 : 30;
                    assertEquals(String.valueOf(Duration.ofDays(days).toMillis()), config.get("retention.ms").value(), topic);
                    assertEquals("delete", config.get("cleanup.policy").value(), topic);
                    assertEquals("1", config.get("min.insync.replicas").value(), topic);
                    assertEquals(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG, config.get("retention.ms").source(), topic);
                    assertEquals(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG, config.get("min.insync.replicas").source(), topic);
                });
            }

            produce(broker, LianxinTopics.MEMBER_EVENTS, "member-42", "joined");
            ConsumerRecord<String, String> record = consumeOne(broker, LianxinTopics.MEMBER_EVENTS);
            assertEquals("member-42", record.key());
            assertEquals("joined", record.value());
        }
        assertFalse(Files.exists(dataDir), "temporary data dir is deleted on close");
    }

    @Test
    void fixedBrokerKeepsRecordsAcrossRestart(@TempDir Path tmp) {
        BrokerSettings settings = BrokerSettings.fixed(freePort(), tmp.resolve("kafka-data"));
        try (KafkaBroker broker = KafkaBroker.start(settings)) {
            assertEquals("127.0.0.1:" + settings.port(), broker.bootstrapServers());
            broker.createTopics(Map.of(LianxinTopics.CASE_EVENTS, LianxinTopics.PARTITIONS));
            produce(broker, LianxinTopics.CASE_EVENTS, "case-7", "opened");

            // Same JVM, same dir: refused before Kafka is even touched.
            IllegalStateException clash = assertThrows(IllegalStateException.class,
                    () -> KafkaBroker.start(BrokerSettings.fixed(freePort(), settings.dataDir())));
            assertTrue(clash.getMessage().startsWith("another broker is using "), clash.getMessage());
        }

        try (KafkaBroker restarted = KafkaBroker.start(settings)) {
            ConsumerRecord<String, String> record = consumeOne(restarted, LianxinTopics.CASE_EVENTS);
            assertEquals("case-7", record.key());
            assertEquals("opened", record.value());
        }
        assertTrue(Files.exists(settings.dataDir()), "a fixed data dir is kept");
    }

    @Test
    void secondBrokerOnSameDataDirFailsFast(@TempDir Path tmp) throws Exception {
        // The real clash: another process (a second launcher) already owns the data dir.
        Path dataDir = tmp.resolve("kafka-data");
        int port = freePort();
        Path stdout = tmp.resolve("launcher.out");
        Path stderr = tmp.resolve("launcher.err");
        Process launcher = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"),
                KafkaLauncher.class.getName(), "--port", String.valueOf(port), "--data-dir", dataDir.toString())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        try {
            String ready = readyLine(launcher, stdout, stderr);
            assertEquals("Kafka broker ready at 127.0.0.1:" + port + " (data: " + dataDir.toRealPath() + ")", ready);

            IllegalStateException clash = assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> assertThrows(IllegalStateException.class,
                            () -> KafkaBroker.start(BrokerSettings.fixed(freePort(), dataDir))));
            assertEquals("another broker is using " + dataDir.toRealPath(), clash.getMessage());

            launcher.destroy(); // SIGTERM, like Ctrl-C / docker stop
            assertTrue(launcher.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS), "launcher stops on SIGTERM");
            // Kafka writes this marker only when its log manager shut down cleanly.
            assertTrue(Files.exists(dataDir.resolve("kraft-combined-logs/.kafka_cleanshutdown")),
                    () -> "clean shutdown marker missing; launcher stderr:\n" + read(stderr));
            assertEquals(List.of(ready), read(stdout).lines().toList(), "stdout holds only the ready line");
        } finally {
            launcher.destroyForcibly();
        }
    }

    @Test
    void occupiedPortFailsClearly(@TempDir Path tmp) throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName(BrokerSettings.LOCALHOST))) {
            IllegalStateException clash = assertThrows(IllegalStateException.class,
                    () -> KafkaBroker.start(BrokerSettings.fixed(taken.getLocalPort(), tmp.resolve("kafka-data"))));
            assertEquals("port " + taken.getLocalPort() + " on 127.0.0.1 is already in use", clash.getMessage());
        }
    }

    private static String readyLine(Process launcher, Path stdout, Path stderr) {
        String prefix = "Kafka broker ready at ";
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .failFast(() -> assertTrue(launcher.isAlive(), () -> "launcher exited; stderr:\n" + read(stderr)))
                .until(() -> read(stdout).contains(prefix));
        return read(stdout).lines().filter(line -> line.startsWith(prefix)).findFirst().orElseThrow();
    }

    private static void produce(KafkaBroker broker, String topic, String key, String value) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("could not produce to " + topic, e);
        }
    }

    private static ConsumerRecord<String, String> consumeOne(KafkaBroker broker, String topic) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(Set.of(topic));
            await().atMost(TIMEOUT).pollInSameThread().pollInterval(Duration.ZERO).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                return !received.isEmpty();
            });
        }
        assertEquals(1, received.size(), "records in " + topic);
        return received.get(0);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
