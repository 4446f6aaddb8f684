package cn.lianxin.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import cn.lianxin.testing.KafkaEvents;
import cn.lianxin.testing.LianxinTestResource;

/**
 * A roster import announces thousands of MemberRegistered at once: the consumer stores a run of them and plans their
 * clocks together, and leaves each member as one registration alone would; a member registered twice in the run (a
 * replay) takes the later facts.
 */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class RegistrationRunTest {

    private static final String REGISTERED = "lianxin.member.MemberRegistered.v1";

    @Inject
    World world;

    @Inject
    EntityManager em;

    @Test
    void aRunOfRegistrationsLeavesEachMemberAsOneAloneWould() {
        UUID branch = world.branch(world.committee(), "花名册导入支部");
        UUID alone = world.register(branch, "2024-01-15T10:00:00+08:00");
        List<UUID> members = IntStream.range(0, 60).mapToObj(i -> UUID.randomUUID()).toList();
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        members.forEach(member -> records.add(KafkaEvents.event(World.MEMBER_EVENTS, REGISTERED, UUID.randomUUID(),
                member, registered(member, branch, "李明", "2024-01-15T10:00:00+08:00", ""))));
        UUID again = members.get(0);
        records.add(KafkaEvents.event(World.MEMBER_EVENTS, REGISTERED, UUID.randomUUID(), again,
                registered(again, branch, "王芳", "2024-02-01T10:00:00+08:00", ", \"focusTags\": [\"HARDSHIP\"]")));

        world.events.publishTogether(records);

        await().atMost(Duration.ofSeconds(30)).until(() -> members.stream().allMatch(m -> world.find(m).isPresent())
                && "王芳".equals(name(again)));
        assertThat(name(again)).isEqualTo("王芳");
        assertThat(world.find(again).orElseThrow().registeredAt()).isEqualTo(World.instant("2024-02-01T10:00:00+08:00"));
        assertThat(tags(again)).isEqualTo("{HARDSHIP}");
        for (UUID member : members.subList(1, members.size())) {
            assertThat(world.clockRows(member)).as("member %s", member).isEqualTo(world.clockRows(alone)).isNotEmpty();
            assertThat(tags(member)).isEqualTo("{}");
        }
        List<String> planned = world.clockRows(again); // from its later registration
        assertThat(planned).hasSameSizeAs(world.clockRows(alone)).isNotEqualTo(world.clockRows(alone));
    }

    private static String registered(UUID member, UUID branch, String name, String registeredAt, String more) {
        return """
                {"memberId": "%s", "orgId": "%s", "orgPath": ["%s"], "name": "%s", "gender": "MALE",
                 "category": "FULL", "standing": "ACTIVE", "joinedAt": "2010-07-01", "registeredAt": "%s",
                 "contact": {"phone": "13900139000"}, "flowing": false%s}
                """.formatted(member, branch, branch, name, registeredAt, more);
    }

    private String name(UUID member) {
        return column(member, "name");
    }

    private String tags(UUID member) {
        return column(member, "CAST(focus_tags AS text)");
    }

    private String column(UUID member, String column) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<?> rows = em.createNativeQuery("SELECT " + column + " FROM member WHERE member_id = :m")
                    .setParameter("m", member).getResultList();
            return rows.isEmpty() ? null : String.valueOf(rows.get(0));
        });
    }
}
