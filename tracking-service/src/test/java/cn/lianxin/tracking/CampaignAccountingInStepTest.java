package cn.lianxin.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import cn.lianxin.testing.LianxinTestResource;
import cn.lianxin.tracking.domain.Accounting;
import cn.lianxin.tracking.domain.Accounting.Facts;
import cn.lianxin.tracking.domain.Campaign;
import cn.lianxin.tracking.domain.CampaignWindow;
import cn.lianxin.tracking.repository.CampaignRepository;

/**
 * One rule, two renderings: every combination of the facts gets the same {@link Accounting} from the Java table and
 * from its SQL (which the campaign lists and figures run), and the SQL's "accounted" list is the Java one; and the
 * campaign's SQL over stored contacts agrees with the rule on the edges of the window and of the instant asked about.
 */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class CampaignAccountingInStepTest {

    @Inject
    EntityManager em;
    @Inject
    World world;
    @Inject
    CampaignRepository campaigns;

    @Test
    void everyCombinationOfFactsIsJudgedAlikeInJavaAndInSql() {
        List<Facts> all = new ArrayList<>();
        for (int bits = 0; bits < 16; bits++) {
            all.add(new Facts((bits & 1) != 0, (bits & 2) != 0, (bits & 4) != 0, (bits & 8) != 0));
        }
        for (Facts f : all) {
            String sql = QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                    "SELECT " + Accounting.sql() + " FROM (VALUES (CAST(:active AS boolean), CAST(:openCase AS boolean),"
                            + " CAST(:reached AS boolean), CAST(:attempted AS boolean)))"
                            + " AS f(active, open_case, reached, attempted)")
                    .setParameter("active", f.active()).setParameter("openCase", f.openCase())
                    .setParameter("reached", f.reachedInWindow()).setParameter("attempted", f.attemptedInWindow())
                    .getSingleResult());
            assertThat(Accounting.valueOf(sql)).as("%s", f).isEqualTo(Accounting.of(f));
            boolean accountedInSql = QuarkusTransaction.requiringNew().call(() -> (Boolean) em.createNativeQuery(
                    "SELECT CAST(:a AS text) IN (" + Accounting.sqlAccounted() + ")").setParameter("a", sql)
                    .getSingleResult());
            assertThat(accountedInSql).as("accounted for, %s", f).isEqualTo(Accounting.of(f).accounted());
        }
    }

    /**
     * The SQL's edges, on contacts stored in the database: a contact counts when it lies in [startsAt, endsAt) and is
     * not after the instant asked about. Each member (one per campaign, so that the campaign's outcome is theirs) has
     * one contact a microsecond before, on or after an edge; the SQL's verdict is the Java rule's for those facts.
     */
    @Test
    void contactsOnTheEdgesOfTheWindowAndOfTheInstantAskedAboutAreJudgedAsTheRuleSays() {
        CampaignWindow window = new CampaignWindow(LocalDate.of(2027, 1, 1), LocalDate.of(2027, 3, 31));
        Instant startsAt = window.startsAt();
        Instant endsAt = window.endsAt();
        Instant inside = Instant.parse("2027-02-15T04:00:00Z");
        Instant after = endsAt.plus(1, ChronoUnit.DAYS);
        Duration micro = Duration.ofNanos(1_000);
        List<Instant> edges = List.of(startsAt.minus(micro), startsAt, endsAt.minus(micro), endsAt, inside,
                inside.plus(micro));
        UUID committee = world.committee();
        for (String outcome : List.of("REACHED", "NOT_REACHED")) {
            for (Instant at : edges) {
                UUID branch = world.branch(committee, "边界支部");
                UUID member = world.register(branch, "2026-06-01T09:00:00+08:00");
                Campaign campaign = new Campaign(UUID.randomUUID(), branch, world.pathOf(branch), "边界排查", window,
                        List.of(), Campaign.Status.OPEN, "test", startsAt, null, null, null, null);
                QuarkusTransaction.requiringNew().run(() -> {
                    campaigns.insert(campaign);
                    assertThat(campaigns.fixScope(campaign)).isEqualTo(1);
                    em.createNativeQuery("""
                            INSERT INTO contact (contact_id, member_id, org_id, at, channel, outcome, recorded_by,
                                                 recorded_at)
                            VALUES (:id, :member, :org, :at, 'PHONE', :outcome, 'test', :at)""")
                            .setParameter("id", UUID.randomUUID()).setParameter("member", member)
                            .setParameter("org", branch).setParameter("at", at).setParameter("outcome", outcome)
                            .executeUpdate();
                });
                assertThat(QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                        "SELECT CAST(extract(epoch FROM at) * 1000000 AS bigint) FROM contact WHERE member_id = :m")
                        .setParameter("m", member).getSingleResult()).longValue())).as("stored to the microsecond")
                        .isEqualTo(ChronoUnit.MICROS.between(Instant.EPOCH, at));
                for (Instant asOf : List.of(inside, after)) {
                    boolean counts = !at.isBefore(startsAt) && at.isBefore(endsAt) && !at.isAfter(asOf);
                    Facts facts = new Facts(true, false, counts && outcome.equals("REACHED"),
                            counts && outcome.equals("NOT_REACHED"));
                    List<CampaignRepository.OutcomeCount> sql = QuarkusTransaction.requiringNew()
                            .call(() -> campaigns.outcomes(campaign, asOf));
                    assertThat(sql).as("%s contact at %s, as of %s", outcome, at, asOf).singleElement()
                            .isEqualTo(new CampaignRepository.OutcomeCount(Accounting.of(facts), 1));
                }
            }
        }
    }
}
