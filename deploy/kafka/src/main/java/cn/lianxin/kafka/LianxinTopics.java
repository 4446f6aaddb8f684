package cn.lianxin.kafka;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The project's topics, with explicit partition counts (auto-creation is off on the broker). */
public final class LianxinTopics {

    public static final String MEMBER_EVENTS = "member.events";
    public static final String CONTACT_EVENTS = "contact.events";
    public static final String CASE_EVENTS = "case.events";
    public static final String NOTIFICATION_EVENTS = "notification.events";

    /** Suffix of the dead-letter topic that belongs to each event topic. */
    public static final String DLQ_SUFFIX = ".dlq";

    /** Partitions per topic; the key decides the partition, so this caps per-key-ordered parallelism. */
    public static final int PARTITIONS = 6;

    private static final List<String> EVENT_TOPICS =
            List.of(MEMBER_EVENTS, CONTACT_EVENTS, CASE_EVENTS, NOTIFICATION_EVENTS);

    private LianxinTopics() {
    }

    public static String dlq(String topic) {
        return topic + DLQ_SUFFIX;
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
