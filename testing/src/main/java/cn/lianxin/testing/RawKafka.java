package cn.lianxin.testing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import cn.lianxin.kafka.LianxinTopics;

/**
 * The benchmarks' baselines on the tests' broker: a raw producer and consumer (what moving records through the broker
 * costs at least), and topics that no service reads.
 */
public final class RawKafka {

    private RawKafka() {
    }

    /** A producer as the services' relays configure theirs where it matters here: acks=all. */
    public static KafkaProducer<String, String> producer() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LianxinTestResource.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    public static KafkaConsumer<String, String> consumer() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LianxinTestResource.bootstrapServers());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }

    /** Sends every record with one producer and flushes; seconds since {@code start} (a nanoTime). */
    public static double send(List<ProducerRecord<String, String>> records, long start) throws Exception {
        try (KafkaProducer<String, String> producer = producer()) {
            List<Future<RecordMetadata>> sent = records.stream().map(producer::send).toList();
            producer.flush();
            for (Future<RecordMetadata> record : sent) {
                record.get(); // a record the broker refused fails the benchmark, rather than its figures
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** Reads {@code count} records of {@code topic} from its beginning; returns the nanoTime when the last one came. */
    public static long readAll(String topic, int count) {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = assignAll(consumer, topic);
            consumer.seekToBeginning(partitions);
            long read = 0;
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (read < count) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("read " + read + " of " + count + " records of " + topic + " in 10 minutes");
                }
                read += consumer.poll(Duration.ofMillis(100)).count();
            }
            return System.nanoTime();
        }
    }

    public static List<TopicPartition> assignAll(KafkaConsumer<String, String> consumer, String topic) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        return partitions;
    }

    /** A topic of the project's partition count that no service reads, its partitions led before it is used. */
    public static void createTopic(String topic) throws Exception {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, LianxinTestResource.bootstrapServers());
        try (Admin admin = Admin.create(config)) {
            admin.createTopics(List.of(new NewTopic(topic, LianxinTopics.PARTITIONS, (short) 1))).all().get();
            // records sent before a new partition has its leader are retried, and some were refused (case-service's
            // BurstBenchmark saw it)
            await().atMost(Duration.ofSeconds(30)).until(() -> admin.describeTopics(List.of(topic)).allTopicNames().get()
                    .get(topic).partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
        }
    }
}
