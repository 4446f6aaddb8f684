package cn.lianxin.kafka;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The project's topics, with explicit partition counts (auto-creation is off on the broker) and explicit settings:
 * docker-compose.yml and deploy/k8s create the same topics with the same settings (DeploymentDescriptorsTest), and
 * docs/events.md ("Topics") tells integrators what they can rely on.
 */
public final class LianxinTopics {

    public static final String MEMBER_EVENTS = "member.events";
    public static final String CONTACT_EVENTS = "contact.events";
    public static final String CASE_EVENTS = "case.events";
    public static final String NOTIFICATION_EVENTS = "notification.events";
    /**
     * The cross-department lookups (协查) of case-service: requests to the departments' systems, and their answers
     * (contracts' EventType, docs/events.md "Lookups").
     */
    public static final String LOOKUP_REQUESTS = "lookup.requests";
    public static final String LOOKUP_ANSWERS = "lookup.answers";

    /** Suffix of the dead-letter topic that belongs to each event topic. */
    public static final String DLQ_SUFFIX = ".dlq";

    /** Partitions per topic; the key decides the partition, so this caps per-key-ordered parallelism. */
    public static final int PARTITIONS = 6;

    /**
     * How long an event topic keeps its records: a consumer down for a long holiday still catches up from the broker.
     * Not longer than the inbox keeps processed ids (lianxin.retention.processed-events, P30D): every record still on
     * the broker is then recognised as a duplicate if it was applied, even after an offset reset to the earliest.
     */
    public static final Duration EVENT_RETENTION = Duration.ofDays(30);
    /** Dead letters wait longer: an operator inspects and replays them (docs/operations.md, runbook). */
    public static final Duration DLQ_RETENTION = Duration.ofDays(90);
    /**
     * Records are deleted by age, never compacted: an event topic is a history (compacting by member id would keep a
     * member's last event only), and the org tree is bootstrapped from member-service's API (docs/events.md).
     */
    public static final String CLEANUP_POLICY = "delete";
    /** Replicas per topic in production (the brokers' default replication is not relied on). */
    public static final int PRODUCTION_REPLICAS = 3;
    /**
     * In production a write (acks=all) needs 2 of the 3 replicas: one broker may be down, and no acknowledged event
     * lives on a single disk.
     */
    public static final int PRODUCTION_MIN_INSYNC_REPLICAS = 2;
    /** The single broker of the tests and the local stack. */
    public static final int LOCAL_MIN_INSYNC_REPLICAS = 1;

    private static final List<String> EVENT_TOPICS =
            List.of(MEMBER_EVENTS, CONTACT_EVENTS, CASE_EVENTS, NOTIFICATION_EVENTS, LOOKUP_REQUESTS, LOOKUP_ANSWERS);

    private LianxinTopics() {
    }

    public static String dlq(String topic) {
        return topic + DLQ_SUFFIX;
    }

    /**
     * The retention of a topic: {@link #DLQ_RETENTION} for a dead-letter topic, else {@link #EVENT_RETENTION} — and for
     * the dead letters of {@link #LOOKUP_ANSWERS} too: a department's findings (an address, a phone in use) are kept no
     * longer than the answers themselves.
     */
    public static Duration retention(String topic) {
        return topic.endsWith(DLQ_SUFFIX) && !topic.equals(dlq(LOOKUP_ANSWERS)) ? DLQ_RETENTION : EVENT_RETENTION;
    }

    /** The settings a topic is created with, for a cluster whose writes need {@code minInsyncReplicas} replicas. */
    public static Map<String, String> configs(String topic, int minInsyncReplicas) {
        Map<String, String> configs = new LinkedHashMap<>();
        configs.put("cleanup.policy", CLEANUP_POLICY);
        configs.put("retention.ms", Long.toString(retention(topic).toMillis()));
        configs.put("min.insync.replicas", Integer.toString(minInsyncReplicas));
        return Collections.unmodifiableMap(configs);
    }

    /** Every event topic and its dead-letter topic, in a stable order. */
    public static Map<String, Integer> all() {
        Map<String, Integer> topics = new LinkedHashMap<>();
        for (String topic : EVENT_TOPICS) {
            topics.put(topic, PARTITIONS);
            topics.put(dlq(topic), PARTITIONS);
        }
        return Collections.unmodifiableMap(topics);
    }
}
