package cn.lianxin.tracking.domain;

import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * Whether a member in the scope of a 专项排查 campaign is accounted for (已排查), and why (not): the one definition of
 * the rule. A member is accounted for by a REACHED contact inside the window, an open lost-contact case (一人一档: the
 * search is under way), or a standing that is not ACTIVE (or a transfer out of the register): the first of these
 * that holds names the reason. Not accounted for: only NOT_REACHED attempts inside the window, or no contact at all.
 *
 * <p>{@link #of} applies the table in Java; {@link #sql} renders the same table as an SQL {@code CASE} over the four
 * facts, for the lists and the figures (CampaignAccountingInStepTest runs every combination through both).
 */
public enum Accounting {
    REACHED_IN_WINDOW(true, "窗口期内已联系上 — reached inside the window", "reached", Facts::reachedInWindow),
    OPEN_CASE(true, "失联案件查找中 — an open lost-contact case", "open_case", Facts::openCase),
    NOT_ACTIVE(true, "党籍非正常状态或已转出 — not ACTIVE, or transferred out", "NOT active", f -> !f.active()),
    ONLY_ATTEMPTS(false, "窗口期内联系未果 — only unsuccessful attempts inside the window", "attempted",
            Facts::attemptedInWindow),
    NO_CONTACT(false, "窗口期内无联系记录 — no contact inside the window", "true", f -> true);

    /** What is known of a member in scope at the time asked. */
    public record Facts(boolean active, boolean openCase, boolean reachedInWindow, boolean attemptedInWindow) {
    }

    private final boolean accounted;
    private final String label;
    private final String sqlCondition;
    private final Predicate<Facts> holds;

    Accounting(boolean accounted, String label, String sqlCondition, Predicate<Facts> holds) {
        this.accounted = accounted;
        this.label = label;
        this.sqlCondition = sqlCondition;
        this.holds = holds;
    }

    public boolean accounted() {
        return accounted;
    }

    /** Why (not), for people: Chinese, then English. */
    public String label() {
        return label;
    }

    /** The first reason that holds. */
    public static Accounting of(Facts facts) {
        return Arrays.stream(values()).filter(a -> a.holds.test(facts)).findFirst().orElseThrow();
    }

    /** The outcomes that account for a member. */
    public static List<Accounting> accountedFor() {
        return Arrays.stream(values()).filter(Accounting::accounted).toList();
    }

    /**
     * SQL: the outcome's name from boolean columns {@code active}, {@code open_case}, {@code reached} and
     * {@code attempted} of the row in scope.
     */
    public static String sql() {
        StringBuilder sql = new StringBuilder("CASE");
        for (Accounting a : values()) {
            sql.append(" WHEN ").append(a.sqlCondition).append(" THEN '").append(a.name()).append("'");
        }
        return sql.append(" END").toString();
    }

    /** SQL: the names of the outcomes that account for a member, as the list of an {@code IN (…)}. */
    public static String sqlAccounted() {
        return String.join(", ", accountedFor().stream().map(a -> "'" + a.name() + "'").toList());
    }
}
