package cn.lianxin.testing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
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
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.header.internals.RecordHeaders;
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
            // BurstBenchmark saw it); a topic just created may not be known yet to the broker asked about it
            await().atMost(Duration.ofSeconds(30))
                    .ignoreExceptionsMatching(e -> e.getCause() instanceof UnknownTopicOrPartitionException)
                    .until(() -> admin.describeTopics(List.of(topic)).allTopicNames().get()
                    .get(topic).partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
        }
    }

    /** What the broker alone does with a burst: the raw send (with flush) and the raw read-back, seconds from the send. */
    public record Baseline(int records, double sentSeconds, double readSeconds) {

        /** Prints the baseline and the project's time against it (a time from its first send until done). */
        public void print(String done, double projectSeconds) {
            System.out.printf("baseline, raw producer: sent in %.2f s (%,.0f records/s); raw consumer has read all after %.2f s%n",
                    sentSeconds, records / sentSeconds, readSeconds);
            System.out.printf("ratio: %s / raw produce+consume = %.1f×; %s / raw send = %.1f×%n", done,
                    projectSeconds / readSeconds, done, projectSeconds / sentSeconds);
        }

        /** Reports the project's time, and its rate, against the baseline through {@link BenchmarkReport}. */
        public void report(String benchmark, String metric, double projectSeconds, String target, String rateMetric) {
            BenchmarkReport.figure(benchmark, metric, projectSeconds, "s", "raw producer + raw consumer, same records",
                    readSeconds, target);
            BenchmarkReport.figure(benchmark, metric, projectSeconds, "s", "raw producer send + flush, same records",
                    sentSeconds, "-");
            BenchmarkReport.figure(benchmark, rateMetric, records / projectSeconds, "events/s",
                    "raw producer + raw consumer, same records", records / readSeconds, ">= 667/s");
        }
    }

    /** The same record (key, value, headers) to another topic. */
    public static ProducerRecord<String, String> copy(ProducerRecord<String, String> record, String topic) {
        return new ProducerRecord<>(topic, null, record.key(), record.value(), new RecordHeaders(record.headers().toArray()));
    }

    /**
     * The baseline of a burst: the very same records (values and headers) sent to a new topic nobody consumes, and read
     * back by a raw consumer meanwhile.
     */
    public static Baseline baseline(List<ProducerRecord<String, String>> burst) throws Exception {
        String topic = "bench.baseline." + UUID.randomUUID();
        createTopic(topic);
        List<ProducerRecord<String, String>> copies = burst.stream().map(r -> copy(r, topic)).toList();
        long start = System.nanoTime();
        CompletableFuture<Long> readBack = CompletableFuture.supplyAsync(() -> readAll(topic, copies.size()));
        double sent = send(copies, start);
        return new Baseline(copies.size(), sent, (readBack.get() - start) / 1e9);
    }
}
