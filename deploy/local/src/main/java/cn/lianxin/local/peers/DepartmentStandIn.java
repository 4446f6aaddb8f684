package cn.lianxin.local.peers;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.lianxin.kafka.LianxinTopics;

/**
 * The departments (公安, 电信运营商, 社保, 房管) of the local stack: reads every {@code LookupRequested} on
 * {@code lookup.requests} and, a few seconds later, answers it once with a {@code LookupAnswered} on
 * {@code lookup.answers}, as a department's system would through the data-sharing exchange (ce_source
 * {@code /department-exchange}). Deterministic: a member whose id ends in an even hex digit is found, the others not,
 * so that the demo shows both. Fictitious findings only.
 */
public final class DepartmentStandIn implements AutoCloseable {

    static final String REQUESTED = "lianxin.case.LookupRequested.v1";
    static final String ANSWERED = "lianxin.case.LookupAnswered.v1";
    private static final Duration DELAY = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaConsumer<String, String> consumer;
    private final KafkaProducer<String, String> producer;
    private final ScheduledExecutorService answers = Executors.newSingleThreadScheduledExecutor();
    private final Set<String> answered = ConcurrentHashMap.newKeySet();
    private final Thread loop;
    private volatile boolean running = true;

    private DepartmentStandIn(String bootstrapServers) {
        Properties consumerConfig = new Properties();
        consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, "department-exchange.lookups"); // <system>.<purpose>
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new StringDeserializer());
        Properties producerConfig = new Properties();
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer());
        loop = new Thread(this::run, "department-stand-in");
        loop.setDaemon(true);
    }

    /** Starts answering the lookup requests of the broker at {@code bootstrapServers}. */
    public static DepartmentStandIn start(String bootstrapServers) {
        DepartmentStandIn standIn = new DepartmentStandIn(bootstrapServers);
        standIn.consumer.subscribe(List.of(LianxinTopics.LOOKUP_REQUESTS));
        standIn.loop.start();
        return standIn;
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofSeconds(1))) {
                    if (REQUESTED.equals(header(record, "ce_type"))) {
                        answers.schedule(() -> answer(record.value()), DELAY.toMillis(), TimeUnit.MILLISECONDS);
                    }
                }
            }
        } catch (WakeupException stopping) {
            // close() woke the poll
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Answers a request once (a chase of a request already answered is not answered again). */
    private void answer(String request) {
        try {
            JsonNode asked = JSON.readTree(request);
            String requestId = asked.path("requestId").asText();
            if (!answered.add(requestId)) {
                return;
            }
            producer.send(answerRecord(asked, Instant.now()));
        } catch (java.io.IOException | RuntimeException e) {
            System.err.println("department stand-in: a lookup request was not answered: " + e.getClass().getSimpleName());
        }
    }

    /** The record of the answer to {@code request}: a CloudEvent in binary mode, keyed by the member. */
    static ProducerRecord<String, String> answerRecord(JsonNode request, Instant now) {
        ObjectNode answer = answerTo(request, now);
        String member = answer.path("memberId").asText();
        ProducerRecord<String, String> record = new ProducerRecord<>(LianxinTopics.LOOKUP_ANSWERS, member, answer.toString());
        Map<String, String> headers = Map.of("ce_specversion", "1.0", "ce_id", UUID.randomUUID().toString(),
                "ce_type", ANSWERED, "ce_source", "/department-exchange", "ce_subject", member,
                "ce_time", now.toString(), "content-type", "application/json");
        headers.forEach((name, value) -> record.headers().add(name, value.getBytes(UTF_8)));
        return record;
    }

    /** The department's answer to a request: found when the member id ends in an even hex digit. */
    static ObjectNode answerTo(JsonNode request, Instant now) {
        String member = request.path("memberId").asText();
        boolean found = Character.digit(member.charAt(member.length() - 1), 16) % 2 == 0;
        ObjectNode answer = JSON.createObjectNode();
        answer.put("requestId", request.path("requestId").asText());
        answer.put("memberId", member);
        answer.put("orgId", request.path("orgId").asText());
        answer.put("department", request.path("department").asText());
        answer.put("found", found);
        answer.put("finding", found ? "（本地演示）" + switch (request.path("department").asText()) {
            case "TELECOM" -> "在用号码：199****0000";
            case "SOCIAL_SECURITY" -> "参保单位：X市某物流有限公司（2026年起）";
            case "HOUSING" -> "租赁登记：X市新区某小区";
            default -> "暂住登记：X市新区某街道";
        } : "（本地演示）未查到相关记录");
        answer.put("answeredAt", now.toString());
        answer.put("answerRef", "演示协〔" + now.toString().substring(0, 4) + "〕" + Math.floorMod(member.hashCode(), 1000) + "号");
        return answer;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), UTF_8);
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        answers.shutdownNow();
        try {
            loop.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
    }
}
