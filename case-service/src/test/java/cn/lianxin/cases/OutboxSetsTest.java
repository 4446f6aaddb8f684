package cn.lianxin.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import cn.lianxin.cases.service.CaseEvents;
import cn.lianxin.platform.outbox.Outbox;
import cn.lianxin.platform.outbox.Outbox.Keyed;
import cn.lianxin.testing.LianxinTestResource;

/**
 * The case scan appends each rule's events as a set ({@link Outbox#appendAll}): more events than one statement
 * takes come out as {@link Outbox#append} would have written them one by one — each its own id, key and payload, in
 * the order given (the relay publishes by that order), none lost or doubled at the statement boundary.
 */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class OutboxSetsTest {

    @Inject
    Outbox outbox;

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    @Test
    @SuppressWarnings("unchecked")
    void aSetLargerThanOneStatementIsAppendedInOrderWithEveryPayloadAsJacksonWritesIt() throws Exception {
        Instant asOf = Instant.parse("2027-03-01T01:00:00.500Z");
        List<Keyed> events = new ArrayList<>();
        for (int i = 0; i < 2_345; i++) {
            UUID member = UUID.randomUUID();
            events.add(new Keyed(member, new CaseEvents.CaseRecheckDue(UUID.randomUUID(), member, UUID.randomUUID(),
                    LocalDate.of(2027, 3, 1), UUID.randomUUID(), i % 4, null, asOf.minusSeconds(i), asOf)));
        }

        List<UUID> ids = QuarkusTransaction.requiringNew().call(
                () -> outbox.appendAll(CaseEvents.CASE_RECHECK_DUE, events));

        List<Tuple> rows = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                SELECT id, topic, event_key, type, subject, CAST(payload AS text) AS payload
                FROM outbox_event WHERE id IN (:ids) ORDER BY seq
                """, Tuple.class).setParameter("ids", ids)
                .getResultList());
        assertThat(ids).hasSize(events.size()).doesNotHaveDuplicates();
        assertThat(rows).extracting(r -> r.get("id", UUID.class)).containsExactlyElementsOf(ids);
        for (int i = 0; i < events.size(); i++) {
            Tuple row = rows.get(i);
            Keyed event = events.get(i);
            assertThat(row.get("topic", String.class)).isEqualTo("case.events");
            assertThat(row.get("type", String.class)).isEqualTo(CaseEvents.CASE_RECHECK_DUE);
            assertThat(row.get("event_key", String.class)).isEqualTo(event.key().toString());
            assertThat(row.get("subject", String.class)).isEqualTo(event.key().toString());
            assertThat(mapper.readTree(row.get("payload", String.class)))
                    .isEqualTo(mapper.readTree(mapper.writeValueAsString(event.payload())));
        }
    }

    @Test
    void anEmptySetAppendsNothing() {
        assertThat(QuarkusTransaction.requiringNew().call(() -> outbox.appendAll(CaseEvents.CASE_RECHECK_DUE, List.of())))
                .isEmpty();
    }
}
