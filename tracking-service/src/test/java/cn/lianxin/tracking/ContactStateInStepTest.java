package cn.lianxin.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import cn.lianxin.testing.LianxinTestResource;
import cn.lianxin.tracking.domain.ClockRule;
import cn.lianxin.tracking.domain.ClockStatus;
import cn.lianxin.tracking.domain.ContactState;
import cn.lianxin.tracking.domain.ContactState.ClockAt;

/**
 * The contact-state priority runs in Java (a member's status) and as SQL rendered from the same table (compliance
 * figures, the work list). This runs every member with one or two clocks — every rule, each at the instants around its
 * due and grace boundaries — and exempt members through PostgreSQL with the rendered SQL and through
 * {@link ContactState#of}, and fails on any member whose state or work-list urgency differs.
 */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class ContactStateInStepTest {

    private static final Instant AS_OF = Instant.parse("2026-06-01T00:00:00Z");

    @Inject
    EntityManager em;

    private record Clock(ClockRule rule, Instant dueAt, Instant graceUntil) {
        ClockAt at() {
            return new ClockAt(rule, ClockStatus.of(dueAt, graceUntil, AS_OF));
        }
    }

    private record Member(boolean active, boolean inRegister, List<Clock> clocks) {
    }

    /** Each rule at: running (with and without grace), due on the instant, due in grace, overdue on and past it. */
    private static List<Clock> clocks() {
        Duration week = Duration.ofDays(7);
        List<Clock> clocks = new ArrayList<>();
        for (ClockRule rule : ClockRule.values()) {
            clocks.add(new Clock(rule, AS_OF.plusSeconds(1), null));
            clocks.add(new Clock(rule, AS_OF.plusSeconds(1), AS_OF.plus(week)));
            clocks.add(new Clock(rule, AS_OF, null));
            clocks.add(new Clock(rule, AS_OF.minus(week), AS_OF.plusSeconds(1)));
            clocks.add(new Clock(rule, AS_OF.minus(week), AS_OF));
            clocks.add(new Clock(rule, AS_OF.minus(week), AS_OF.minusSeconds(1)));
        }
        return clocks;
    }

    @Test
    void theRenderedSqlAndTheJavaRuleGiveEveryMemberTheSameStateAndUrgency() {
        List<Clock> clocks = clocks();
        List<Member> members = new ArrayList<>();
        members.add(new Member(true, true, List.of()));
        for (int i = 0; i < clocks.size(); i++) {
            members.add(new Member(true, true, List.of(clocks.get(i))));
            members.add(new Member(false, true, List.of(clocks.get(i))));
            members.add(new Member(true, false, List.of(clocks.get(i))));
            for (int j = i + 1; j < clocks.size(); j++) {
                members.add(new Member(true, true, List.of(clocks.get(i), clocks.get(j))));
            }
        }

        Map<Integer, String> java = new LinkedHashMap<>();
        for (int n = 0; n < members.size(); n++) {
            Member m = members.get(n);
            ContactState state = ContactState.of(!m.active() || !m.inRegister(),
                    m.clocks().stream().map(Clock::at).toList());
            java.put(n, state + "/" + (m.active() && m.inRegister() && state.onWorkList() ? state.urgency() : null));
        }

        Map<Integer, String> sql = new LinkedHashMap<>();
        for (Object[] row : evaluate(members)) {
            sql.put(((Number) row[0]).intValue(), row[1] + "/" + row[2]);
        }
        assertThat(sql).hasSize(members.size()).containsExactlyEntriesOf(java);
        assertThat(java.values()).as("the table reaches every state")
                .anySatisfy(v -> assertThat(v).startsWith("LOST_SUSPECTED/1"))
                .anySatisfy(v -> assertThat(v).startsWith("UNCONTROLLED/2"))
                .anySatisfy(v -> assertThat(v).startsWith("OVERDUE/3"))
                .anySatisfy(v -> assertThat(v).startsWith("DUE/4"))
                .anySatisfy(v -> assertThat(v).startsWith("SELF_WITHDRAWAL_SUSPECTED/5"))
                .anySatisfy(v -> assertThat(v).startsWith("IN_CONTACT/null"))
                .anySatisfy(v -> assertThat(v).startsWith("EXEMPT/null"));
    }

    /** The members as VALUES rows, their state by {@link ContactState#sqlOfMember} and urgency as the work list has it. */
    @SuppressWarnings("unchecked")
    private List<Object[]> evaluate(List<Member> members) {
        StringBuilder memberRows = new StringBuilder();
        StringBuilder clockRows = new StringBuilder();
        for (int n = 0; n < members.size(); n++) {
            Member m = members.get(n);
            memberRows.append(memberRows.isEmpty() ? "" : ", ").append("(").append(n).append(", '")
                    .append(m.active() ? "ACTIVE" : "SUSPENDED").append("', ").append(m.inRegister()).append(")");
            for (Clock c : m.clocks()) {
                clockRows.append(clockRows.isEmpty() ? "" : ", ").append("(").append(n).append(", '").append(c.rule())
                        .append("', TIMESTAMPTZ '").append(c.dueAt()).append("', ")
                        .append(c.graceUntil() == null ? "CAST(NULL AS timestamptz)" : "TIMESTAMPTZ '" + c.graceUntil() + "'")
                        .append(")");
            }
        }
        String query = """
                WITH m(member_no, standing, in_register) AS (VALUES %s),
                     c(member_no, rule, due_at, grace_until) AS (VALUES %s),
                     state AS (
                         SELECT m.member_no, %s AS state
                         FROM m LEFT JOIN c ON c.member_no = m.member_no
                         GROUP BY m.member_no, m.standing, m.in_register
                     ),
                     urgency AS (
                         SELECT c.member_no, min(%s) AS urgency
                         FROM c JOIN m ON m.member_no = c.member_no
                         WHERE c.rule IN (%s) AND c.due_at <= :asOf AND m.standing = 'ACTIVE' AND m.in_register
                         GROUP BY c.member_no
                     )
                SELECT s.member_no, s.state, u.urgency FROM state s LEFT JOIN urgency u ON u.member_no = s.member_no
                ORDER BY s.member_no
                """.formatted(memberRows, clockRows, ContactState.sqlOfMember(), ContactState.sqlUrgencyOfClock(),
                ContactState.sqlWorkListRules());
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(query).setParameter("asOf", AS_OF)
                .getResultList());
    }
}
