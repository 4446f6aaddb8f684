package cn.lianxin.cases.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.Period;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Rule C4: P6M lost, at least 3 distinct channels, a field visit among them; otherwise the gap is listed. */
class SuspensionCriteriaTest {

    private static final Instant LOST = Instant.parse("2026-08-31T16:00:00Z"); // 1 September, Shanghai
    private static final Instant SIX_MONTHS = Instant.parse("2027-02-28T16:00:00Z"); // 1 March, Shanghai
    private static final List<SearchChannel> ENOUGH = List.of(SearchChannel.PHONE, SearchChannel.VISIT_WORKPLACE,
            SearchChannel.SOCIAL_SECURITY, SearchChannel.PHONE);

    private static SuspensionCriteria evaluate(Instant asOf, List<SearchChannel> channels) {
        return SuspensionCriteria.evaluate(LOST, asOf, channels, Period.ofMonths(6), 3);
    }

    @Test
    void isMetSixCalendarMonthsAfterLostSince() {
        assertThat(evaluate(SIX_MONTHS, ENOUGH).met()).isTrue();
        assertThat(evaluate(SIX_MONTHS, ENOUGH).dueAt()).isEqualTo(SIX_MONTHS);
        assertThat(evaluate(SIX_MONTHS.minusSeconds(1), ENOUGH).missing()).singleElement().asString()
                .startsWith("lost less than P6M");
    }

    @Test
    void countsDistinctChannelsOnly() {
        SuspensionCriteria twice = evaluate(SIX_MONTHS, List.of(SearchChannel.PHONE, SearchChannel.PHONE,
                SearchChannel.VISIT_HOME));
        assertThat(twice.channelsTried()).hasSize(2);
        assertThat(twice.missing()).containsExactly("2 distinct search channels tried, at least 3 required");
    }

    @Test
    void requiresAFieldVisit() {
        SuspensionCriteria noVisit = evaluate(SIX_MONTHS, List.of(SearchChannel.PHONE, SearchChannel.SMS,
                SearchChannel.TELECOM));
        assertThat(noVisit.fieldVisitDone()).isFalse();
        assertThat(noVisit.missing()).containsExactly("no field visit (VISIT_WORKPLACE or VISIT_HOME) logged");
    }

    @Test
    void listsEveryMissingRequirement() {
        assertThat(evaluate(LOST, List.of()).missing()).hasSize(3);
    }
}
