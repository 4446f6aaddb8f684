package cn.lianxin.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/examples/OrgTreeConsumer.java compiles against kafka-clients and Jackson, and does what docs/events.md tells
 * integrators: start at the offsets taken before the REST snapshot, apply OrgCreated/OrgChanged as upserts, apply a
 * ce_id once, ignore unknown payload fields and skip unknown types.
 */
class OrgTreeConsumerExampleTest {

    private static final Path EXAMPLE = Path.of("../../docs/examples/OrgTreeConsumer.java");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @BeforeAll
    static void quietBrokerLogs() {
        KafkaLauncher.quietKafkaLogging();
    }

    @Test
    void bootstrapsFromASnapshotThenAppliesEachEventOnce(@TempDir Path classes) throws Exception {
        Class<?> example = compile(classes);
        String root = UUID.randomUUID().toString();
        String child = UUID.randomUUID().toString();
        try (KafkaBroker broker = KafkaBroker.start(BrokerSettings.ephemeral())) {
            broker.createTopics(LianxinTopics.all());
            // Before the snapshot: in the REST answer already, so the consumer must not need it.
            send(broker, root, UUID.randomUUID().toString(), "lianxin.member.OrgCreated.v1", org(root, "第一党委", null, ""));

            Constructor<?> newExample = example.getDeclaredConstructor();
            newExample.setAccessible(true);
            Object consumerExample = newExample.newInstance();
            Properties settings = (Properties) invoke(example, null, "settings",
                    Map.of("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(), "KAFKA_GROUP_ID", "example-portal.test-" + UUID.randomUUID()));
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(settings)) {
                Object offsets = invoke(example, null, "endOffsets", consumer);
                Class<?> orgType = Class.forName("OrgTreeConsumer$Org", true, example.getClassLoader());
                Constructor<?> newOrg = orgType.getDeclaredConstructors()[0];
                newOrg.setAccessible(true);
                Object snapshotRoot = newOrg.newInstance(root, "第一党委", null, List.of(root));
                invoke(example, consumerExample, "seed", List.of(snapshotRoot));

                String childCreated = UUID.randomUUID().toString();
                send(broker, root, UUID.randomUUID().toString(), "lianxin.member.OrgChanged.v1",
                        org(root, "第一党委（更名）", null, ",\"changed\":[\"name\"],\"aFieldFromTheFuture\":{\"x\":1}"));
                send(broker, child, childCreated, "lianxin.member.OrgCreated.v1", org(child, "第一支部", root, ""));
                send(broker, child, childCreated, "lianxin.member.OrgCreated.v1", org(child, "重复投递", root, ""));
                send(broker, child, UUID.randomUUID().toString(), "lianxin.member.OrgCreated.v2", org(child, "新版本", root, ""));

                invoke(example, null, "startAt", consumer, offsets);
                long deadline = System.nanoTime() + TIMEOUT.toNanos();
                BooleanSupplier done = () -> processed(example, consumerExample).size() >= 3 || System.nanoTime() > deadline;
                invoke(example, consumerExample, "consume", consumer, done);
            }

            @SuppressWarnings("unchecked")
            Map<String, Object> orgs = (Map<String, Object>) invoke(example, consumerExample, "orgs");
            assertEquals(Set.of(root, child), orgs.keySet());
            assertEquals("第一党委（更名）", component(orgs.get(root), "name"), "OrgChanged applied, unknown field ignored");
            assertEquals("第一支部", component(orgs.get(child), "name"), "the redelivery (same ce_id) is not applied again");
            assertEquals(root, component(orgs.get(child), "parentId"));
            assertEquals(List.of(root, child), component(orgs.get(child), "path"));
            assertEquals(3, processed(example, consumerExample).size(),
                    "the records after the snapshot's offsets, once each: OrgChanged, OrgCreated, the unknown .v2");
        }
    }

    private static Class<?> compile(Path classes) throws Exception {
        assertTrue(Files.isRegularFile(EXAMPLE), EXAMPLE.toAbsolutePath() + " is missing");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "a JDK is needed to compile the example");
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = javac.run(null, errors, errors, "-d", classes.toString(),
                "-cp", System.getProperty("java.class.path"), "-proc:none", EXAMPLE.toString());
        assertEquals(0, status, () -> "docs/examples/OrgTreeConsumer.java does not compile:\n"
                + errors.toString(StandardCharsets.UTF_8));
        URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                OrgTreeConsumerExampleTest.class.getClassLoader());
        return Class.forName("OrgTreeConsumer", true, loader);
    }

    private static String org(String id, String name, String parent, String extra) {
        String path = parent == null ? "[\"" + id + "\"]" : "[\"" + parent + "\",\"" + id + "\"]";
        return "{\"orgId\":\"" + id + "\",\"name\":\"" + name + "\",\"type\":\"BRANCH\",\"parentId\":"
                + (parent == null ? "null" : "\"" + parent + "\"") + ",\"path\":" + path
                + ",\"secretary\":{\"name\":\"王书记\",\"phone\":\"13800000000\"}" + extra + "}";
    }

    private static void send(KafkaBroker broker, String key, String ceId, String ceType, String payload) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> record = new ProducerRecord<>(LianxinTopics.MEMBER_EVENTS, key, payload);
            record.headers().add("ce_specversion", bytes("1.0")).add("ce_id", bytes(ceId)).add("ce_type", bytes(ceType))
                    .add("ce_source", bytes("/member-service")).add("ce_subject", bytes(key))
                    .add("ce_time", bytes("2027-03-01T00:00:00+08:00")).add("content-type", bytes("application/json"));
            producer.send(record).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Collection<?> processed(Class<?> example, Object instance) {
        return (Collection<?>) invoke(example, instance, "processed");
    }

    private static Object component(Object record, String name) throws Exception {
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            if (component.getName().equals(name)) {
                Method accessor = component.getAccessor();
                accessor.setAccessible(true);
                return accessor.invoke(record);
            }
        }
        throw new AssertionError("no component " + name);
    }

    private static Object invoke(Class<?> type, Object target, String name, Object... args) {
        for (Method method : type.getDeclaredMethods()) {
            if (method.getName().equals(name) && method.getParameterCount() == args.length) {
                try {
                    method.setAccessible(true);
                    return method.invoke(target, args);
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError(name + " failed", e.getCause() != null ? e.getCause() : e);
                }
            }
        }
        throw new AssertionError("OrgTreeConsumer has no method " + name + " with " + args.length + " parameters");
    }
}
