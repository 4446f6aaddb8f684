package cn.lianxin.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import cn.lianxin.contracts.CloudEventHeaders;
import cn.lianxin.contracts.EventSchemas;

/**
 * MemberRegistered is kept a run at a time (platform's {@code LatestRun}): what a run leaves in a service's member
 * projection is what applying its events one by one leaves, whether the consumer takes them as one run or not. Published
 * together, as a roster import's relay does. A service's {@code @QuarkusTest} names its schema and projection table
 * (which has {@code member_id}, {@code name} and {@code updated_at}).
 */
public abstract class RegisterRunContract {

    private static final String MEMBER_REGISTERED = "lianxin.member.MemberRegistered.v1";
    private static final EventSchemas SCHEMAS = EventSchemas.load();
    private static final Instant T = Instant.parse("2026-11-02T08:00:00Z");

    private final KafkaEvents events = KafkaEvents.forTests();
    private final UUID org = UUID.randomUUID();

    /** The service's schema, e.g. {@code cases}. */
    protected abstract String schema();

    /** Its member projection's table, e.g. {@code member_projection}. */
    protected abstract String projection();

    @Test
    void aRunOfMemberRegisteredLeavesWhatItsEventsLeaveOneByOne() throws Exception {
        UUID kept = UUID.randomUUID();
        UUID newerFirst = UUID.randomUUID();
        UUID tied = UUID.randomUUID();
        UUID once = UUID.randomUUID();
        List<UUID> ids = new ArrayList<>();
        // Known already, from an event later than the one the run brings for them.
        ids.add(publish(List.of(registered(kept, "甲已知", T.plusSeconds(60)))).get(0));
        await().atMost(Duration.ofSeconds(20)).until(() -> processed(ids) == 1);

        ids.addAll(publish(List.of(
                registered(kept, "甲旧事件", T),
                registered(newerFirst, "乙新", T.plusSeconds(30)),
                registered(tied, "丙先", T),
                registered(once, "丁", T),
                registered(newerFirst, "乙旧", T.plusSeconds(10)),
                registered(tied, "丙后", T))));
        await().atMost(Duration.ofSeconds(20)).until(() -> processed(ids) == ids.size());

        Map<UUID, String> names = names(List.of(kept, newerFirst, tied, once));
        assertThat(names).containsEntry(kept, "甲已知 " + T.plusSeconds(60)) // an older event never overwrites
                .containsEntry(newerFirst, "乙新 " + T.plusSeconds(30)) // the later event wins, in whatever order
                .containsEntry(tied, "丙后 " + T) // at the same time, the one after
                .containsEntry(once, "丁 " + T);
    }

    private ProducerRecord<String, String> registered(UUID member, String name, Instant time) {
        String payload = """
                {"memberId": "%s", "orgId": "%s", "orgPath": ["%s"], "name": "%s", "gender": "MALE",
                 "category": "FULL", "joinedAt": "2010-07-01", "contact": {"phone": "13900139000"},
                 "standing": "ACTIVE", "registeredAt": "2020-01-01T00:00:00Z", "flowing": false}
                """.formatted(member, org, org, name);
        SCHEMAS.assertValid(MEMBER_REGISTERED, payload);
        ProducerRecord<String, String> record = KafkaEvents.event("member.events", MEMBER_REGISTERED, UUID.randomUUID(),
                member, payload);
        record.headers().remove(CloudEventHeaders.TIME);
        record.headers().add(CloudEventHeaders.TIME, time.toString().getBytes(StandardCharsets.UTF_8));
        return record;
    }

    /** @return the records' event ids */
    private List<UUID> publish(List<ProducerRecord<String, String>> records) {
        events.publishTogether(records);
        return records.stream().map(r -> UUID.fromString(new String(
                r.headers().lastHeader(CloudEventHeaders.ID).value(), StandardCharsets.UTF_8))).toList();
    }

    private long processed(List<UUID> eventIds) throws Exception {
        try (Connection db = LianxinTestResource.adminConnection();
                PreparedStatement query = db.prepareStatement(
                        "SELECT count(*) FROM " + schema() + ".processed_event WHERE event_id = ANY (?)")) {
            query.setArray(1, db.createArrayOf("uuid", eventIds.toArray()));
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Each member's name and the time of the event that wrote the row. */
    private Map<UUID, String> names(List<UUID> members) throws Exception {
        Map<UUID, String> names = new LinkedHashMap<>();
        try (Connection db = LianxinTestResource.adminConnection();
                PreparedStatement query = db.prepareStatement(
                        "SELECT member_id, name, updated_at FROM " + schema() + "." + projection()
                                + " WHERE member_id = ANY (?)")) {
            query.setArray(1, db.createArrayOf("uuid", members.toArray()));
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    names.put(rs.getObject(1, UUID.class),
                            rs.getString(2) + " " + rs.getTimestamp(3).toInstant());
                }
            }
        }
        return names;
    }
}
