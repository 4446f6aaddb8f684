import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A minimal consumer of Lianxin events (docs/events.md, "Consuming Lianxin events"): keeps a copy of the organization
 * tree from member.events with plain kafka-clients and Jackson. deploy/kafka's OrgTreeConsumerExampleTest compiles
 * this file and runs it against a real broker.
 *
 * <pre>
 *   KAFKA_BOOTSTRAP_SERVERS=localhost:29092 java -cp kafka-clients.jar:jackson-databind.jar:... OrgTreeConsumer.java
 * </pre>
 *
 * A real consumer keeps the tree and the processed ce_ids in its own database, written in one transaction per record,
 * and bootstraps the tree from member-service's API first (docs/events.md, "Bootstrapping the org tree").
 */
public class OrgTreeConsumer {

    static final String TOPIC = "member.events";
    /** The rule: {@code <system>.<purpose>}; never a Lianxin service's group (member-service, tracking-service, …). */
    static final String GROUP = "example-portal.org-tree";

    /** An org as this consumer keeps it. */
    record Org(String orgId, String name, String parentId, List<String> path) {
    }

    /** Unknown payload fields are ignored: producers add optional fields without asking consumers. */
    private final ObjectMapper json = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final Map<String, Org> orgs = new ConcurrentHashMap<>();
    private final Set<String> processed = ConcurrentHashMap.newKeySet();

    public static void main(String[] args) {
        OrgTreeConsumer example = new OrgTreeConsumer();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(settings(System.getenv()))) {
            example.consume(consumer, () -> false);
        }
    }

    /** Consumer settings; the security settings of docs/operations.md ("Kafka security") come from the environment. */
    static Properties settings(Map<String, String> env) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, env.getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "localhost:29092"));
        p.put(ConsumerConfig.GROUP_ID_CONFIG, env.getOrDefault("KAFKA_GROUP_ID", GROUP));
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        // A new group starts at the oldest record still on the broker (30 days); offsets are committed after applying.
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        for (String name : List.of("security.protocol", "sasl.mechanism", "sasl.jaas.config", "ssl.truststore.location",
                "ssl.truststore.password", "ssl.truststore.type", "ssl.keystore.location", "ssl.keystore.password")) {
            String value = env.get("KAFKA_" + name.toUpperCase().replace('.', '_'));
            if (value != null && !value.isBlank()) {
                p.put(name, value);
            }
        }
        return p;
    }

    /** Polls until {@code stop} says so, applying each record once and committing after each batch. */
    void consume(KafkaConsumer<String, String> consumer, BooleanSupplier stop) {
        consumer.subscribe(List.of(TOPIC));
        while (!stop.getAsBoolean()) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                apply(record);
            }
            consumer.commitSync();
        }
    }

    /** The end offsets of member.events: taken before the REST snapshot, consumption then starts there. */
    static Map<TopicPartition, Long> endOffsets(KafkaConsumer<String, String> consumer) {
        Collection<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                .map(p -> new TopicPartition(TOPIC, p.partition())).toList();
        return consumer.endOffsets(partitions);
    }

    /** Starts this (new) group at the given offsets instead of the oldest record. */
    static void startAt(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> offsets) {
        consumer.assign(offsets.keySet());
        Map<TopicPartition, OffsetAndMetadata> commit = new java.util.HashMap<>();
        offsets.forEach((partition, offset) -> commit.put(partition, new OffsetAndMetadata(offset)));
        consumer.commitSync(commit);
        consumer.unsubscribe();
    }

    /** The org tree as member-service's API returned it (GET /api/v1/orgs/{id} and /children, walked from the root). */
    void seed(Collection<Org> snapshot) {
        snapshot.forEach(org -> orgs.put(org.orgId(), org));
    }

    void apply(ConsumerRecord<String, String> record) {
        String id = header(record, "ce_id");
        String type = header(record, "ce_type");
        if (id == null || type == null || !processed.add(id)) {
            return; // a redelivery (same ce_id) or not a Lianxin event: nothing to do
        }
        switch (type) {
            case "lianxin.member.OrgCreated.v1", "lianxin.member.OrgChanged.v1" -> {
                // Both carry the org's whole state: an upsert, so replaying them is harmless.
                Org org = read(record.value());
                orgs.put(org.orgId(), org);
            }
            default -> {
                // Other events, and types this consumer does not know (a new event, a .v2), are skipped.
            }
        }
    }

    private Org read(String value) {
        try {
            JsonNode payload = json.readTree(value);
            List<String> path = new java.util.ArrayList<>();
            payload.path("path").forEach(node -> path.add(node.asText()));
            JsonNode parent = payload.path("parentId");
            return new Org(payload.path("orgId").asText(), payload.path("name").asText(),
                    parent.isTextual() ? parent.asText() : null, List.copyOf(path));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not a JSON payload", e);
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    Map<String, Org> orgs() {
        return Map.copyOf(orgs);
    }

    Set<String> processed() {
        return new HashSet<>(processed);
    }
}
