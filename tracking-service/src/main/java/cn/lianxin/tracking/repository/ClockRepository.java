package cn.lianxin.tracking.repository;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import cn.lianxin.tracking.domain.ClockRule;
import cn.lianxin.tracking.domain.ClockStage;
import cn.lianxin.tracking.domain.EmittedState;
import cn.lianxin.tracking.domain.PlannedClock;

/** Table {@code clock} (one running clock per member and rule) with what the scans announced for it. */
@ApplicationScoped
public class ClockRepository {

    /** A stored clock, with how far the scans have taken it. */
    public record StoredClock(ClockRule rule, Instant startedAt, Instant dueAt, Instant graceUntil, ClockStage stage) {
    }

    /** An emitted, not yet cleared state. */
    public record OpenEmission(String rule, String level, Instant dueAt) {
    }

    private final EntityManager em;

    public ClockRepository(EntityManager em) {
        this.em = em;
    }

    /**
     * Stores the member's clocks. A clock whose period did not change keeps its progress (so a scan does not
     * notify twice); a restarted clock runs again from {@link ClockStage#RUNNING}; clocks no longer planned are
     * dropped.
     *
     * @return whether a kept clock still has an announced state open ({@link #openEmissions} would find one): read
     *         with the lock, so that a contact asks for them only when there is something to end
     */
    public boolean replace(UUID memberId, List<PlannedClock> planned) {
        // Rows are locked in ClockRule order, the order in which a scan's statements update them: no deadlock.
        List<PlannedClock> clocks = planned.stream().sorted(java.util.Comparator.comparing(PlannedClock::rule)).toList();
        Map<String, Boolean> current = Sql.select(em, """
                SELECT rule, emission_open FROM clock WHERE member_id = :id
                ORDER BY array_position(CAST(:order AS text[]), rule) FOR UPDATE
                """).set("id", memberId).set("order", "{" + String.join(",",
                        java.util.Arrays.stream(ClockRule.values()).map(Enum::name).toList()) + "}")
                .rows(r -> Map.entry(r.string("rule"), r.bool("emission_open"))).stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)); // rule → its announcement stands
        List<String> kept = clocks.stream().map(c -> c.rule().name()).toList();
        if (!kept.containsAll(current.keySet())) { // a rule that no longer applies: most re-plans keep every rule they had
            Sql.of(em, "DELETE FROM clock WHERE member_id = :id AND NOT (rule = ANY (CAST(:rules AS text[])))")
                    .set("id", memberId).set("rules", "{" + String.join(",", kept) + "}").update();
        }
        boolean emissionOpen = kept.stream().anyMatch(rule -> Boolean.TRUE.equals(current.get(rule)));
        if (clocks.isEmpty()) {
            return emissionOpen;
        }
        // One statement for all of the member's clocks (a request used to pay a round trip per rule), in rule order.
        Sql.of(em, """
                INSERT INTO clock AS c (member_id, rule, started_at, due_at, grace_until, stage, next_at)
                SELECT :id, p ->> 'rule', CAST(p ->> 'started' AS timestamptz), CAST(p ->> 'due' AS timestamptz),
                    CAST(p ->> 'grace' AS timestamptz), %1$s, CAST(p ->> 'due' AS timestamptz)
                FROM jsonb_array_elements(CAST(:planned AS jsonb)) WITH ORDINALITY AS r(p, n)
                ORDER BY r.n
                ON CONFLICT (member_id, rule) DO UPDATE SET started_at = EXCLUDED.started_at,
                    due_at = EXCLUDED.due_at, grace_until = EXCLUDED.grace_until,
                    stage = CASE WHEN c.due_at = EXCLUDED.due_at THEN c.stage ELSE %1$s END,
                    next_at = CASE WHEN c.due_at = EXCLUDED.due_at THEN c.next_at ELSE EXCLUDED.due_at END
                """.formatted(ClockStage.RUNNING.sql()))
                .set("id", memberId).set("planned", json(clocks)).update();
        return emissionOpen;
    }

    /** The planned clocks as a JSON array (enum names and ISO instants: nothing to escape). */
    private static String json(List<PlannedClock> clocks) {
        StringBuilder json = new StringBuilder("[");
        for (PlannedClock clock : clocks) {
            json.append(json.length() == 1 ? "" : ",").append("{\"rule\":\"").append(clock.rule().name())
                    .append("\",\"started\":").append(quoted(clock.startedAt())).append(",\"due\":")
                    .append(quoted(clock.dueAt())).append(",\"grace\":").append(quoted(clock.graceUntil())).append('}');
        }
        return json.append(']').toString();
    }

    private static String quoted(Instant instant) {
        return instant == null ? "null" : "\"" + instant + "\"";
    }

    public List<StoredClock> clocksOf(UUID memberId) {
        return Sql.select(em, """
                SELECT rule, started_at, due_at, grace_until, CAST(stage AS text) AS stage FROM clock
                WHERE member_id = :id
                ORDER BY due_at, rule
                """).set("id", memberId).rows(r -> new StoredClock(ClockRule.valueOf(r.string("rule")),
                        r.instant("started_at"), r.instant("due_at"), r.instant("grace_until"),
                        ClockStage.valueOf(r.string("stage"))));
    }

    /** What the scans announced and still stands, by emitted rule (T6 once, as {@code SELF_WITHDRAWAL}). */
    public List<OpenEmission> openEmissions(UUID memberId) {
        return Sql.select(em, """
                SELECT CASE WHEN rule IN ('ORG_LIFE_ABSENCE', 'DUES_ABSENCE') THEN :selfWithdrawal ELSE rule END AS rule,
                       emitted_level, emitted_due_at
                FROM clock WHERE member_id = :id AND emission_open
                """).set("id", memberId).set("selfWithdrawal", EmittedState.SELF_WITHDRAWAL_RULE)
                .rows(r -> new OpenEmission(r.string("rule"), r.string("emitted_level"), r.instant("emitted_due_at")))
                .stream().distinct().toList();
    }

    /** Ends what was announced under these rules ({@code SELF_WITHDRAWAL}: both absence clocks). */
    public void clear(UUID memberId, List<String> rules) {
        List<String> clockRules = rules.stream()
                .flatMap(r -> EmittedState.SELF_WITHDRAWAL_RULE.equals(r)
                        ? java.util.stream.Stream.of(ClockRule.ORG_LIFE_ABSENCE.name(), ClockRule.DUES_ABSENCE.name())
                        : java.util.stream.Stream.of(r))
                .distinct().toList();
        if (clockRules.isEmpty()) {
            return;
        }
        Sql.of(em, """
                UPDATE clock SET emission_open = false
                WHERE member_id = :id AND emission_open AND rule = ANY (CAST(:rules AS text[]))
                """).set("id", memberId).set("rules", "{" + String.join(",", clockRules) + "}").update();
    }
}
