package cn.lianxin.member.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;

import org.junit.jupiter.api.Test;

import cn.lianxin.member.domain.Reconciliation.Kind;

class ReconciliationRulesTest {

    private static Instant shanghai(String localDateTime) {
        return java.time.LocalDateTime.parse(localDateTime).atZone(java.time.ZoneId.of("Asia/Shanghai")).toInstant();
    }

    @Test
    void theNoContactCutoffIsAYearBeforeAsOfOnTheShanghaiCalendar() {
        assertThat(Reconciliation.noContactCutoff(shanghai("2026-03-01T00:00"), Period.ofYears(1)))
                .isEqualTo(shanghai("2025-03-01T00:00"));
        // 29 February less a year is the 28th, at the same Shanghai time (not a UTC day earlier)
        assertThat(Reconciliation.noContactCutoff(shanghai("2028-02-29T07:30"), Period.ofYears(1)))
                .isEqualTo(shanghai("2027-02-28T07:30"));
        assertThat(Reconciliation.noContactCutoff(shanghai("2026-03-01T00:00"), Period.ofMonths(6)))
                .isEqualTo(shanghai("2025-09-01T00:00"));
    }

    @Test
    void aMemberNeverReachedCountsFromRegistrationAndAReachedOneFromTheLastContact() {
        Instant registered = shanghai("2025-01-10T09:00");
        Instant reached = shanghai("2025-06-01T10:00");
        assertThat(Reconciliation.countedFrom(null, registered)).isEqualTo(registered);
        assertThat(Reconciliation.countedFrom(reached, registered)).isEqualTo(reached);
    }

    @Test
    void daysAreCountedOnTheShanghaiCalendarAndNeverNegative() {
        // 23:30 Shanghai on 1 March to 00:30 on 2 March is one calendar day, though an hour apart
        assertThat(Reconciliation.daysBetween(shanghai("2026-03-01T23:30"), shanghai("2026-03-02T00:30"))).isEqualTo(1);
        assertThat(Reconciliation.daysBetween(LocalDate.of(2026, 8, 1), LocalDate.of(2026, 10, 1))).isEqualTo(61);
        assertThat(Reconciliation.daysBetween(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 8, 1))).isZero();
    }

    @Test
    void everyNextStepNamesTheOrgToTurnToAndTheEscalation() {
        assertThat(Reconciliation.nextStepForDuplicate("第一支部", "第二支部")).contains("第一支部", "第二支部", "不得重复登记");
        assertThat(Reconciliation.nextStepForTransfer("城东支部", false))
                .isEqualTo("与转入党组织（城东支部）核实回执，由转入党组织登记回执；超期请联系上级党委");
        assertThat(Reconciliation.nextStepForTransfer("某省某县党委", true)).contains("纸质回执", "上级党委");
        assertThat(Reconciliation.nextStepForNoContact(false)).contains("立案查找");
        assertThat(Reconciliation.nextStepForNoContact(true)).contains("流入地", "立案查找");
        assertThat(Reconciliation.nextStepForFlow("南山区某街道党工委")).contains("南山区某街道党工委", "确认报到", "上级党委");
        assertThat(Reconciliation.nextStepForFlow(null)).contains("明确接收党组织");
    }

    @Test
    void theKindsAreTheStableCodesFrontEndsKeyOn() {
        assertThat(Kind.values()).extracting(Kind::name)
                .containsExactly("DUPLICATE_ID", "TRANSFER_NOT_RECEIVED", "NO_CONTACT_NO_CASE", "FLOW_NOT_CONFIRMED");
        assertThat(Kind.values()).extracting(Kind::label).doesNotContainNull().doesNotHaveDuplicates();
    }
}
