package cn.lianxin.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import cn.lianxin.cases.domain.SearchChannel;
import cn.lianxin.cases.domain.SuspensionCriteria;
import cn.lianxin.cases.support.CaseFixture;
import cn.lianxin.cases.support.Rules;
import cn.lianxin.platform.time.ShanghaiCalendar;
import cn.lianxin.testing.LianxinTestResource;

/**
 * Rule C4 has one definition, {@link SuspensionCriteria}, and runs as SQL in the scan for the whole register. This
 * table runs the same cases through both — around the six-month boundary (a second before and after it, a month
 * end), with channel sets that miss by count, by field visit or by repetition, every field-visit channel, both
 * categories — and fails on any case where the scan's proposal differs from what the Java rule says.
 */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class SuspensionRuleInStepTest {

    private final CaseFixture fx = new CaseFixture();
    private final Period after = Rules.defaults().suspensionAfter();
    private final int minChannels = Rules.defaults().suspensionMinChannels();

    private record Case(String label, String category, Instant lostSince, List<String> channels) {
    }

    private record Outcome(String label, boolean proposed, String action) {
    }

    @Test
    void theScansSqlProposesExactlyWhenTheJavaRuleIsMetWithTheActionItNames() {
        Instant asOf = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant exactlyDue = sixMonthsAgo(asOf);
        Instant monthEnd = monthEndBefore(asOf);
        List<String> enough = List.of("PHONE", "SMS", "VISIT_WORKPLACE");
        List<Case> table = new ArrayList<>();
        for (Instant lostSince : List.of(exactlyDue, exactlyDue.plusSeconds(1), exactlyDue.minusSeconds(1),
                exactlyDue.plus(3, ChronoUnit.DAYS), monthEnd, exactlyDue.minus(400, ChronoUnit.DAYS))) {
            table.add(new Case("met channels, lost since " + lostSince, "FULL", lostSince, enough));
        }
        Instant longAgo = exactlyDue.minus(30, ChronoUnit.DAYS);
        table.add(new Case("three channels, no field visit", "FULL", longAgo, List.of("PHONE", "SMS", "TELECOM")));
        table.add(new Case("two channels with a visit", "FULL", longAgo, List.of("PHONE", "VISIT_HOME")));
        table.add(new Case("a channel repeated", "FULL", longAgo, List.of("PHONE", "PHONE", "VISIT_HOME")));
        table.add(new Case("no attempt", "FULL", longAgo, List.of()));
        table.add(new Case("both visits and another", "FULL", longAgo, List.of("VISIT_HOME", "VISIT_WORKPLACE", "OTHER")));
        table.add(new Case("probationary", "PROBATIONARY", longAgo, enough));
        table.add(new Case("probationary, too early", "PROBATIONARY", exactlyDue.plusSeconds(1), enough));
        for (SearchChannel channel : SearchChannel.values()) {
            table.add(new Case("with " + channel, "FULL", longAgo, List.of("PHONE", "MEMBER_NETWORK", channel.name())));
        }

        CaseFixture.Tree tree = fx.tree();
        List<UUID> caseIds = new ArrayList<>();
        for (Case c : table) {
            UUID member = fx.member(tree, c.category());
            UUID caseId = fx.lostCase(member, tree.branch(), c.lostSince(), c.lostSince().plus(90, ChronoUnit.DAYS));
            for (String channel : c.channels()) {
                fx.attempt(caseId, asOf.minus(1, ChronoUnit.DAYS), channel, "NO_TRACE");
            }
            caseIds.add(caseId);
        }

        fx.scan(asOf);

        List<Outcome> java = new ArrayList<>();
        List<Outcome> sql = new ArrayList<>();
        for (int i = 0; i < table.size(); i++) {
            Case c = table.get(i);
            boolean met = SuspensionCriteria.evaluate(c.lostSince(), asOf,
                    c.channels().stream().map(SearchChannel::valueOf).toList(), after, minChannels).met();
            java.add(new Outcome(c.label(), met, met ? SuspensionCriteria.proposedAction(c.category()) : null));
            List<String> proposals = fx.caseFile(caseIds.get(i)).getList("proposals.action", String.class);
            sql.add(new Outcome(c.label(), !proposals.isEmpty(), proposals.isEmpty() ? null : proposals.get(0)));
        }
        assertThat(sql).containsExactlyElementsOf(java);
        assertThat(java).as("the table reaches both sides of the rule")
                .anyMatch(Outcome::proposed).anyMatch(o -> !o.proposed());
    }

    /** The instant six months before {@code asOf} in China's calendar: the lost-since whose deadline is now. */
    private Instant sixMonthsAgo(Instant asOf) {
        LocalDateTime local = LocalDateTime.ofInstant(asOf, ShanghaiCalendar.ZONE).minus(after);
        return local.atZone(ShanghaiCalendar.ZONE).toInstant();
    }

    /** Midnight of the last 31st more than six months back: the deadline falls on a shorter month's last day. */
    private static Instant monthEndBefore(Instant asOf) {
        LocalDate day = ShanghaiCalendar.dateOf(asOf).minusMonths(7).withDayOfMonth(1);
        while (day.lengthOfMonth() != 31) {
            day = day.minusMonths(1);
        }
        return ShanghaiCalendar.startOfDay(day.withDayOfMonth(31));
    }
}
