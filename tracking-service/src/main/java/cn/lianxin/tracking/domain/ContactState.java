package cn.lianxin.tracking.domain;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A member's contact state (联系状态). When several hold, the most serious wins, in the order of this enum's
 * urgent states: lost, uncontrolled, overdue, due, then self-withdrawal suspected (T6: reachable, but absent from org
 * life or dues — a different path from lost contact, R1). EXEMPT members (not ACTIVE, or outside the register) have
 * no state to act on; IN_CONTACT is what remains.
 *
 * <p>This table is the one definition of the priority: {@link #of} applies it to a member's clocks in Java, and
 * {@link #sqlOfMember} / {@link #sqlUrgencyOfClock} render the same table as SQL for the compliance figures and the
 * work list (ContactStateTest checks the rendering, the status and work-list tests the results).
 */
public enum ContactState {
    IN_CONTACT(0, null, null),
    DUE(4, "到期：本期联系尚未完成 — due: make this period's contact", Reached.DUE, ClockRule.QUARTERLY,
            ClockRule.LIAISON_MONTHLY),
    OVERDUE(3, "逾期：已提醒支部书记，请立即联系 — overdue past the grace period: contact now, the secretary was told",
            Reached.GRACE, ClockRule.QUARTERLY, ClockRule.LIAISON_MONTHLY),
    UNCONTROLLED(2, "失控：联系流动党员并督促其到流入地报到 — uncontrolled: reach the flow member and have them report in",
            Reached.DUE, ClockRule.UNCONTROLLED),
    LOST_SUSPECTED(1, "疑似失联：开始查找 — suspected lost: start the search", Reached.DUE, ClockRule.LOST),
    SELF_WITHDRAWAL_SUSPECTED(5, "能联系但长期不参加组织生活或不交党费：谈心谈话，不要按失联查找 — reachable but absent: "
            + "talk to them, do not search for them", Reached.DUE, ClockRule.ORG_LIFE_ABSENCE, ClockRule.DUES_ABSENCE),
    EXEMPT(0, null, null);

    /** Which instant of a clock must have passed for it to put its member in a state. */
    private enum Reached {
        DUE("due_at"), GRACE("grace_until");

        final String column;

        Reached(String column) {
            this.column = column;
        }
    }

    /** The states in order of urgency: the first one a member's clocks reach is theirs. */
    private static final ContactState[] BY_URGENCY = { LOST_SUSPECTED, UNCONTROLLED, OVERDUE, DUE,
            SELF_WITHDRAWAL_SUSPECTED };

    private final int urgency;
    private final String advice;
    private final Reached reached;
    private final Set<ClockRule> rules;

    ContactState(int urgency, String advice, Reached reached, ClockRule... rules) {
        this.urgency = urgency;
        this.advice = advice;
        this.reached = reached;
        this.rules = rules.length == 0 ? EnumSet.noneOf(ClockRule.class) : EnumSet.copyOf(Arrays.asList(rules));
    }

    /** What the work list tells whoever acts on the item. */
    public String advice() {
        return advice;
    }

    /** 1 (most urgent) to 5 for the states of the work list; 0 for IN_CONTACT and EXEMPT. */
    public int urgency() {
        return urgency;
    }

    /** Whether this state is one the work list can hold. */
    public boolean onWorkList() {
        return urgency > 0;
    }

    /** One clock of a member, as the state rule sees it. */
    public record ClockAt(ClockRule rule, ClockStatus status) {
    }

    /** The state of a member with these clocks as of their statuses' instant. */
    public static ContactState of(boolean exempt, Collection<ClockAt> clocks) {
        if (exempt) {
            return EXEMPT;
        }
        for (ContactState state : BY_URGENCY) {
            if (clocks.stream().anyMatch(state::reachedBy)) {
                return state;
            }
        }
        return IN_CONTACT;
    }

    private boolean reachedBy(ClockAt clock) {
        return rules.contains(clock.rule())
                && (reached == Reached.GRACE ? clock.status() == ClockStatus.OVERDUE : clock.status() != ClockStatus.RUNNING);
    }

    /** The state with this urgency (1–5). */
    public static ContactState ofUrgency(int urgency) {
        return Arrays.stream(BY_URGENCY).filter(s -> s.urgency == urgency).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no state has urgency " + urgency));
    }

    /** SQL: whether clock row {@code c} puts its member in this state as of {@code :asOf}. */
    String sqlReachedBy(String clock) {
        return rules.stream().map(r -> "'" + r.name() + "'").sorted()
                .collect(Collectors.joining(", ", clock + ".rule IN (", ")"))
                + " AND " + clock + "." + reached.column + " <= :asOf";
    }

    /**
     * SQL: a member's state from their clock rows {@code c} and member row {@code m}, for a query grouped by member
     * (exempt when not ACTIVE or outside the register).
     */
    public static String sqlOfMember() {
        StringBuilder sql = new StringBuilder("CASE WHEN m.standing <> 'ACTIVE' OR NOT m.in_register THEN '")
                .append(EXEMPT.name()).append("'");
        for (ContactState state : BY_URGENCY) {
            sql.append(" WHEN bool_or(").append(state.sqlReachedBy("c")).append(") THEN '").append(state.name()).append("'");
        }
        return sql.append(" ELSE '").append(IN_CONTACT.name()).append("' END").toString();
    }

    /** SQL: the urgency (1–5) of the state clock row {@code c} alone puts its member in, null when none. */
    public static String sqlUrgencyOfClock() {
        StringBuilder sql = new StringBuilder("CASE");
        for (ContactState state : BY_URGENCY) {
            sql.append(" WHEN ").append(state.sqlReachedBy("c")).append(" THEN ").append(state.urgency);
        }
        return sql.append(" END").toString();
    }

    /** SQL: the rules whose clocks can put a member on the work list, as the list of an {@code IN (…)}. */
    public static String sqlWorkListRules() {
        return Arrays.stream(BY_URGENCY).flatMap(s -> s.rules.stream()).map(r -> "'" + r.name() + "'").distinct()
                .sorted().collect(Collectors.joining(", "));
    }
}
