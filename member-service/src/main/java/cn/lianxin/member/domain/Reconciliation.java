package cn.lianxin.member.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * ID reconciliation across the tree (口袋党员, 空挂): the kinds of line of an org's reconciliation report, each with
 * what to do next, and the rule of the members nobody reached (空挂).
 *
 * <ul>
 *   <li>{@link Kind#DUPLICATE_ID}: a duplicate hit (an ID number found already registered, audited by the register)
 *       whose common ancestor lies in the subtree, while its holder is still in the holding org with that number;</li>
 *   <li>{@link Kind#TRANSFER_NOT_RECEIVED}: a transfer letter from or to the subtree whose receipt is overdue by rule
 *       M1 (the scan's own definition);</li>
 *   <li>{@link Kind#NO_CONTACT_NO_CASE}: an ACTIVE member of the register whose last REACHED contact — or, never
 *       reached, whose registration — lies at or before {@link #noContactCutoff} and who has no case open now (空挂);</li>
 *   <li>{@link Kind#FLOW_NOT_CONFIRMED}: an open outflow whose report-in (报到) the receiving org has not confirmed by
 *       its due day ({@link Handshake#reportInDue}, the handshake's own definition).</li>
 * </ul>
 */
public final class Reconciliation {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private Reconciliation() {
    }

    /** The kind of a line; its name is the stable code front-ends key on. */
    public enum Kind {
        /** 重复身份证号: the same ID number presented for a second record. */
        DUPLICATE_ID("重复登记"),
        /** 介绍信未回执: issued, its receipt not back past the letter's validity (M1). */
        TRANSFER_NOT_RECEIVED("介绍信超期未回执"),
        /** 空挂: nobody reached the member for a year, and no case is open. */
        NO_CONTACT_NO_CASE("一年以上未联系且未立案"),
        /** 流动党员未报到确认: the receiving org did not confirm the report-in by its due day. */
        FLOW_NOT_CONFIRMED("流入地未确认报到");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** The kind in the register's words (a column of the report). */
        public String label() {
            return label;
        }
    }

    /**
     * 空挂: the instant before which the last REACHED contact (or, never reached, the registration) must lie for the
     * member to be listed as of {@code asOf}: {@code asOf} less {@code noContactAfter} on the Asia/Shanghai calendar.
     */
    public static Instant noContactCutoff(Instant asOf, Period noContactAfter) {
        return asOf.atZone(SHANGHAI).minus(noContactAfter).toInstant();
    }

    /** Since when the member counts as not reached: the last REACHED contact, else the registration. */
    public static Instant countedFrom(Instant lastReachedAt, Instant registeredAt) {
        return lastReachedAt != null ? lastReachedAt : registeredAt;
    }

    /** Whole days between two instants, counted on the Asia/Shanghai calendar; 0 when {@code to} is not later. */
    public static long daysBetween(Instant from, Instant to) {
        return daysBetween(from.atZone(SHANGHAI).toLocalDate(), to.atZone(SHANGHAI).toLocalDate());
    }

    /** Whole days from {@code from} to {@code to}; 0 when {@code to} is not later. */
    public static long daysBetween(LocalDate from, LocalDate to) {
        return Math.max(0, ChronoUnit.DAYS.between(from, to));
    }

    /** What to do next about a duplicate hit: both orgs find out where the member's relation really is. */
    public static String nextStepForDuplicate(String holderOrg, String actingOrg) {
        return "同一身份证号已在" + holderOrg + "登记，" + actingOrg + "又申请登记：请两个党组织与本人核实组织关系所在；"
                + "已转移的办理组织关系转接，不得重复登记；系录入错误的由组织员更正身份证号";
    }

    /** What to do next about a letter whose receipt is overdue, to an org of the system or outside it. */
    public static String nextStepForTransfer(String receivingOrg, boolean outsideTheSystem) {
        return outsideTheSystem
                ? "与转入党组织（" + receivingOrg + "）核实回执，收到纸质回执后由组织员登记；超期请联系上级党委"
                : "与转入党组织（" + receivingOrg + "）核实回执，由转入党组织登记回执；超期请联系上级党委";
    }

    /** What to do next about a member nobody reached for a year, without a case (空挂). */
    public static String nextStepForNoContact(boolean flowing) {
        return (flowing ? "请支部经流入地党组织、联络员或紧急联系人尽快联系本人" : "请支部尽快联系本人并登记联系记录")
                + "；仍联系不上的，按失联党员程序立案查找（一人一档）";
    }

    /** What to do next about an outflow whose report-in the receiving org has not confirmed. */
    public static String nextStepForFlow(String receivingOrg) {
        return receivingOrg == null
                ? "流入地党组织尚未确认报到：请与本人及流入地核实报到情况，明确接收党组织；超期请联系上级党委"
                : "流入地党组织尚未确认报到：请与" + receivingOrg + "核实报到情况，请其确认报到；超期请联系上级党委";
    }
}
