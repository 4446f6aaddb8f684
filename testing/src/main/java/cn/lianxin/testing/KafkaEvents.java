package cn.lianxin.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.lianxin.contracts.CloudEventHeaders;
import cn.lianxin.contracts.EventSchemas;
import cn.lianxin.contracts.EventType;

/**
 * Reads and writes the real topics the way an integrating system would: every event read is checked
 * against its JSON Schema and the CloudEvents envelope, so that a contract drift fails the test.
 */
public final class KafkaEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String bootstrapServers;

    public KafkaEvents(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    public static KafkaEvents forTests() {
        return new KafkaEvents(LianxinTestResource.bootstrapServers());
    }

    /** Waits for the first event on {@code topic} that matches, reading the topic from its beginning. */
    public ConsumerRecord<String, String> await(String topic, Predicate<ConsumerRecord<String, String>> match) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
            found.clear();
            all(topic).stream().filter(match).findFirst().ifPresent(found::add);
            return !found.isEmpty();
        });
        ConsumerRecord<String, String> record = found.get(0);
        assertValidEnvelope(record);
        return record;
    }

    /** Waits for an event of the given ce_type about the given subject (member id, or org id for org events). */
    public ConsumerRecord<String, String> await(String topic, String ceType, Object subject) {
        return await(topic, r -> ceType.equals(header(r, CloudEventHeaders.TYPE))
                && String.valueOf(subject).equals(header(r, CloudEventHeaders.SUBJECT)));
    }

    /** Every record currently on the topic, all partitions. */
    public List<ConsumerRecord<String, String>> all(String topic) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            Instant deadline = Instant.now().plusSeconds(10);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    /** Publishes a record as its producing service would, with a CloudEvents envelope; returns the event id. */
    public UUID publish(String topic, String ceType, UUID subject, String jsonPayload) {
        UUID id = UUID.randomUUID();
        publish(topic, ceType, id, subject, jsonPayload);
        return id;
    }

    /** Publishes with a given event id: publishing the same id twice is a redelivery. */
    public void publish(String topic, String ceType, UUID eventId, UUID subject, String jsonPayload) {
        publish(topic, ceType, eventId, subject, jsonPayload, null);
    }

    /** Publishes as a traced producer does: with a W3C {@code traceparent} header (none when null). */
    public void publish(String topic, String ceType, UUID eventId, UUID subject, String jsonPayload, String traceparent) {
        ProducerRecord<String, String> record = event(topic, ceType, eventId, subject, jsonPayload);
        if (traceparent != null) {
            record.headers().add("traceparent", traceparent.getBytes(UTF_8));
        }
        send(record);
    }

    /** A record as its producing service would publish it, with a CloudEvents envelope, for {@link #publishTogether}. */
    public static ProducerRecord<String, String> event(String topic, String ceType, UUID eventId, UUID subject,
            String jsonPayload) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, subject.toString(), jsonPayload);
        EventType type = EventType.parse(ceType);
        record.headers().add(CloudEventHeaders.SPECVERSION, CloudEventHeaders.SPEC_VERSION.getBytes(UTF_8));
        record.headers().add(CloudEventHeaders.ID, eventId.toString().getBytes(UTF_8));
        record.headers().add(CloudEventHeaders.TYPE, ceType.getBytes(UTF_8));
        record.headers().add(CloudEventHeaders.SOURCE, type.source().getBytes(UTF_8));
        record.headers().add(CloudEventHeaders.SUBJECT, subject.toString().getBytes(UTF_8));
        record.headers().add(CloudEventHeaders.TIME, Instant.now().toString().getBytes(UTF_8));
        record.headers().add(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.CONTENT_TYPE_JSON.getBytes(UTF_8));
        return record;
    }

    /**
     * Publishes records in one go, as a relay publishing a batch does: one producer lingers until it has them all,
     * so they reach the broker together and a consumer's poll finds them together.
     */
    public void publishTogether(List<ProducerRecord<String, String>> records) {
        Properties config = producerConfig();
        config.put(ProducerConfig.LINGER_MS_CONFIG, "200");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            List<Future<RecordMetadata>> sent = records.stream().map(producer::send).toList();
            producer.flush();
            for (Future<RecordMetadata> one : sent) {
                one.get(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not publish records together", e);
        }
    }

    /** Publishes raw bytes with no envelope: what a broken producer would send. */
    public void publishRaw(String topic, String key, String value) {
        send(new ProducerRecord<>(topic, key, value));
    }

    /** The record's JSON payload. */
    public static JsonNode payload(ConsumerRecord<String, String> record) {
        try {
            return JSON.readTree(record.value());
        } catch (JsonProcessingException e) {
            throw new AssertionError("payload is not JSON: " + record.value(), e);
        }
    }

    public static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), UTF_8);
    }

    /** The CloudEvents binary-mode contract of docs/domain.md §4, the key, and the payload against its schema. */
    public static void assertValidEnvelope(ConsumerRecord<String, String> record) {
        Map<String, String> headers = new HashMap<>();
        record.headers().forEach(h -> headers.put(h.key(), new String(h.value(), UTF_8)));
        EventSchemas.load().assertValidRecord(record.key(), headers, record.value());
    }

    private Properties producerConfig() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return config;
    }

    private void send(ProducerRecord<String, String> record) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(), new StringSerializer(), new StringSerializer())) {
            producer.send(record).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not publish to " + record.topic(), e);
        }
    }

    private Properties consumerConfig() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return config;
    }
}
