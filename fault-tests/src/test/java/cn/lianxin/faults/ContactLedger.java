package cn.lianxin.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;

import cn.lianxin.testing.KafkaEvents;

/**
 * Contacts written under a fault, each with a note of its own ({@code tag:n}), and what became of them: stored in
 * tracking-service's {@code contact} table, published as {@code ContactRecorded} on {@code contact.events}.
 */
final class ContactLedger {

    static final String CONTACT_RECORDED = "lianxin.contact.ContactRecorded.v1";

    /** What happened to the acknowledged writes. */
    record Figures(long sent, long acknowledged, long stored, long storedTwice, long published, long lost,
            long duplicateRecords) {
    }

    private final String tag;
    private final List<UUID> members;

    ContactLedger(String tag, List<UUID> members) {
        this.tag = tag;
        this.members = members;
    }

    /** The n-th contact: a reached phone call a little before now, on the n-th member in turn. */
    Map<String, Object> contact(long n) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("memberId", members.get((int) (n % members.size())).toString());
        body.put("at", Instant.now().minus(1, ChronoUnit.HOURS).minusMillis(n).toString());
        body.put("channel", "PHONE");
        body.put("outcome", "REACHED");
        body.put("note", tag + ":" + n);
        return body;
    }

    /**
     * Waits until every acknowledged contact is on the topic, then asserts: each stored exactly once, each
     * published (a record with its contactId), nothing acknowledged lost. Records republished with the same ce_id
     * (at-least-once delivery) are counted, not refused: consumers de-duplicate on ce_id.
     */
    Figures assertEveryAcknowledgedWriteStoredOnceAndPublished(FaultySystem system, List<Load.Outcome> outcomes) {
        Set<String> acknowledged = outcomes.stream().filter(Load.Outcome::acknowledged).map(Load.Outcome::id)
                .collect(Collectors.toSet());
        Map<String, Long> storedByNote = new HashMap<>();
        system.database.column("SELECT note FROM tracking.contact WHERE note LIKE ?", tag + ":%")
                .forEach(note -> storedByNote.merge(note, 1L, Long::sum));
        List<String> storedIds = system.database.column("SELECT contact_id FROM tracking.contact WHERE note LIKE ?", tag + ":%");
        Map<String, Long> onTopic = new HashMap<>();
        Map<String, Set<String>> eventIds = new HashMap<>();
        KafkaEvents events = system.events();
        Awaitility.await("every acknowledged contact of " + tag + " on contact.events").atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(2)).until(() -> {
                    onTopic.clear();
                    eventIds.clear();
                    for (ConsumerRecord<String, String> record : events.all("contact.events")) {
                        if (CONTACT_RECORDED.equals(KafkaEvents.header(record, "ce_type"))) {
                            String contactId = KafkaEvents.payload(record).path("contactId").asText();
                            onTopic.merge(contactId, 1L, Long::sum);
                            eventIds.computeIfAbsent(contactId, k -> new java.util.HashSet<>())
                                    .add(KafkaEvents.header(record, "ce_id"));
                        }
                    }
                    return onTopic.keySet().containsAll(acknowledged);
                });
        long storedTwice = storedByNote.values().stream().filter(count -> count > 1).count();
        long published = storedIds.stream().filter(onTopic::containsKey).count();
        long lost = acknowledged.stream().filter(id -> !storedIds.contains(id) || !onTopic.containsKey(id)).count();
        long duplicateRecords = storedIds.stream().mapToLong(id -> onTopic.getOrDefault(id, 0L)).sum() - published;
        Figures figures = new Figures(outcomes.size(), acknowledged.size(), storedIds.size(), storedTwice, published,
                lost, duplicateRecords);
        System.out.printf("%s: %s%n", tag, figures);
        assertThat(storedIds).as("every acknowledged contact stored").containsAll(acknowledged);
        assertThat(storedTwice).as("contacts stored twice").isZero();
        assertThat(lost).as("acknowledged contacts lost").isZero();
        assertThat(eventIds.entrySet().stream().filter(e -> storedIds.contains(e.getKey()) && e.getValue().size() > 1).toList())
                .as("one event id per contact, however often it was republished").isEmpty();
        assertThat(published).as("every stored contact published").isEqualTo(storedIds.size());
        return figures;
    }
}
