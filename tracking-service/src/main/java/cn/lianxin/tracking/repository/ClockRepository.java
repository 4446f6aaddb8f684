package cn.lianxin.tracking.repository;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

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
    private final ObjectMapper json;

    public ClockRepository(EntityManager em, ObjectMapper json) {
        this.em = em;
        this.json = json;
    }

    /**
     * Stores the members' clocks, as planned now for each (a member with no clock planned: an empty list). A clock
     * whose period did not change keeps its progress (so a scan does not notify twice); a restarted clock runs again
     * from {@link ClockStage#RUNNING}; clocks no longer planned are dropped. Three statements whatever the number of
     * members (a run of MemberRegistered, a contact sheet), one member's re-plan included.
     *
     * @return the members of whom a kept clock still has an announced state open ({@link #openEmissions} would find
     *         one): read with the lock, so that a contact asks for them only when there is something to end
     */
    public Set<UUID> replaceAll(Map<UUID, List<PlannedClock>> plans) {
        if (plans.isEmpty()) {
            return Set.of();
        }
        // Member by member in the order of their ids (setIds sorts them), each member's rows in ClockRule order, the
        // order in which a scan's statements update them.
        Map<UUID, Map<String, Boolean>> current = new HashMap<>(); // member → rule → its announcement stands
        Sql.select(em, """
                SELECT c.member_id, c.rule, c.emission_open FROM unnest(CAST(:ids AS uuid[])) AS i(id)
                CROSS JOIN LATERAL (SELECT member_id, rule, emission_open FROM clock WHERE member_id = i.id
                                    ORDER BY array_position(CAST(:order AS text[]), rule) FOR UPDATE) c
                """).setIds("ids", plans.keySet())
                .set("order", RULE_ORDER)
                .rows(r -> current.computeIfAbsent(r.uuid("member_id"), id -> new HashMap<>())
                        .put(r.string("rule"), r.bool("emission_open")));
        ArrayNode dropped = json.createArrayNode();
        ArrayNode planned = json.createArrayNode();
        Set<UUID> emissionOpen = new HashSet<>();
        plans.forEach((memberId, clocks) -> {
            Set<String> kept = clocks.stream().map(c -> c.rule().name()).collect(Collectors.toSet());
            current.getOrDefault(memberId, Map.of()).forEach((rule, open) -> {
                if (!kept.contains(rule)) { // a rule that no longer applies: most re-plans keep every rule they had
                    dropped.addObject().put("member_id", memberId.toString()).put("rule", rule);
                } else if (open) {
                    emissionOpen.add(memberId);
                }
            });
            clocks.stream().sorted(Comparator.comparing(PlannedClock::rule)).forEach(c -> planned.addObject()
                    .put("member_id", memberId.toString()).put("rule", c.rule().name())
                    .put("started_at", text(c.startedAt())).put("due_at", text(c.dueAt()))
                    .put("grace_until", text(c.graceUntil())));
        });
        if (!dropped.isEmpty()) {
            Sql.of(em, """
                    DELETE FROM clock c USING jsonb_populate_recordset(NULL::clock, CAST(:dropped AS jsonb)) d
                    WHERE c.member_id = d.member_id AND c.rule = d.rule
                    """).set("dropped", dropped.toString()).update();
        }
        if (!planned.isEmpty()) {
            Sql.of(em, UPSERT_PLANNED).set("planned", planned.toString()).update();
        }
        return emissionOpen;
    }

    private static final String UPSERT_PLANNED = """
            INSERT INTO clock AS c (member_id, rule, started_at, due_at, grace_until, stage, next_at)
            SELECT p.member_id, p.rule, p.started_at, p.due_at, p.grace_until, %1$s, p.due_at
            FROM jsonb_populate_recordset(NULL::clock, CAST(:planned AS jsonb)) p
            ON CONFLICT (member_id, rule) DO UPDATE SET started_at = EXCLUDED.started_at,
                due_at = EXCLUDED.due_at, grace_until = EXCLUDED.grace_until,
                stage = CASE WHEN c.due_at = EXCLUDED.due_at THEN c.stage ELSE %1$s END,
                next_at = CASE WHEN c.due_at = EXCLUDED.due_at THEN c.next_at ELSE EXCLUDED.due_at END
            """.formatted(ClockStage.RUNNING.sql());

    /** The rules in the order their rows are locked, as a text[] literal. */
    private static final String RULE_ORDER = Arrays.stream(ClockRule.values()).map(Enum::name)
            .collect(Collectors.joining(",", "{", "}"));

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
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

    /** Those of these members with an announced state still open on a clock (read without a lock). */
    public Set<UUID> withEmissionOpen(Collection<UUID> memberIds) {
        if (memberIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(Sql.select(em, """
                SELECT i.id AS member_id FROM unnest(CAST(:ids AS uuid[])) AS i(id)
                CROSS JOIN LATERAL (SELECT 1 FROM clock WHERE member_id = i.id AND emission_open LIMIT 1) c
                """).setIds("ids", memberIds).rows(r -> r.uuid("member_id")));
    }

    /** Ends what was announced under these rules ({@code SELF_WITHDRAWAL}: both absence clocks). */
    public void clear(UUID memberId, List<String> rules) {
        List<String> clockRules = rules.stream()
                .flatMap(r -> EmittedState.SELF_WITHDRAWAL_RULE.equals(r)
                        ? Stream.of(ClockRule.ORG_LIFE_ABSENCE.name(), ClockRule.DUES_ABSENCE.name())
                        : Stream.of(r))
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
