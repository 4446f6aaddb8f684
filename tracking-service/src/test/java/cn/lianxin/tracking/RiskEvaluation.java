package cn.lianxin.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

import cn.lianxin.platform.time.ShanghaiCalendar;
import cn.lianxin.tracking.config.RiskConfig;
import cn.lianxin.tracking.config.TrackingConfig;
import cn.lianxin.tracking.domain.ClockPeriods;
import cn.lianxin.tracking.domain.Deadlines;
import cn.lianxin.tracking.domain.LossRisk;
import cn.lianxin.tracking.domain.RiskScore;
import cn.lianxin.tracking.domain.RiskSignal;
import cn.lianxin.tracking.domain.RiskSignals;
import cn.lianxin.tracking.domain.RiskSignals.Attempt;

/**
 * How well the at-risk list flags members before they are lost, on a synthetic city (the local demo city's history is
 * one day of contacts, too thin: see docs/domain.md §7, 流失风险). Not part of the test suite (its name does not end in
 * Test); run it with
 *
 * <pre>./mvnw -o verify -pl tracking-service -Dtest=RiskEvaluation -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * <p>It simulates, day by day and with a fixed seed, three years of contacts of {@value #MEMBERS} members: members at
 * home reached at their own rhythm (monthly org life, every two months, quarterly), flow members called by their
 * liaison every month (half of them reported in at the destination), calls that go unanswered now and then, transfer
 * letters, and members who drift away — harder to reach, calls unanswered, notifications refused at a changed number,
 * some coming back — or vanish at once without any warning. The clocks are this service's (ClockPlanner, Deadlines,
 * TrackingConfig's defaults): a member is lost when T5 fires; a case then opens, some are found, and follow-ups are
 * made or missed. At each of six instants T it computes the score (LossRisk with RiskConfig's defaults) of every member
 * not lost at T from the facts up to T only, and looks at who is lost in the four months after T. It prints the members
 * flagged, the later-lost, the share of later-lost members flagged in advance, the share of flagged members later lost,
 * and, as a baseline, the same for the quarterly work list (members whose T2 clock has fired by T).
 *
 * <p>The figures measure the score against this model of drifting away, not against real members: the model's hazards
 * are assumptions, and a city should re-run the evaluation on its own history before trusting a threshold.
 */
class RiskEvaluation {

    static final int MEMBERS = 5_000;
    private static final long SEED = 2027;
    private static final LocalDate START = LocalDate.of(2023, 7, 1);
    private static final LocalDate END = LocalDate.of(2026, 11, 1);
    private static final List<LocalDate> INSTANTS = List.of(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 2, 1),
            LocalDate.of(2026, 3, 1), LocalDate.of(2026, 4, 1), LocalDate.of(2026, 5, 1), LocalDate.of(2026, 6, 1));
    private static final Period HORIZON = Period.ofMonths(4);

    private final SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(RiskConfig.class)
            .withMapping(TrackingConfig.class).build();
    private final ClockPeriods periods = config.getConfigMapping(TrackingConfig.class).periods();
    private final LossRisk risk = new LossRisk(config.getConfigMapping(RiskConfig.class).weights(), periods);

    /** One simulated member's history: what tracking-service would hold about them. */
    static final class History {
        LocalDate registered;
        LocalDate flowingSince;
        LocalDate reportedIn;
        final List<Instant> reached = new ArrayList<>();
        final List<Attempt> notReached = new ArrayList<>();
        final List<Attempt> failedDeliveries = new ArrayList<>();
        final List<Instant> losses = new ArrayList<>();        // T5 fired (a case opened)
        final List<Instant> found = new ArrayList<>();
        final List<Instant> missedFollowUps = new ArrayList<>();
        final List<LocalDate[]> transfers = new ArrayList<>(); // issued, due, received (null: never)
    }

    /** Contacts are made at 10:00 Shanghai time. */
    private static Instant at(LocalDate day) {
        return day.atTime(LocalTime.of(10, 0)).atZone(ShanghaiCalendar.ZONE).toInstant();
    }

    // --- the simulation -----------------------------------------------------------------------------------------

    private History simulate(Random random) {
        History h = new History();
        h.registered = START.plusDays(random.nextInt(180));
        boolean flow = random.nextDouble() < 0.15;
        int rhythm;
        if (flow) {
            h.flowingSince = h.registered.minusDays(random.nextInt(300));
            h.reportedIn = random.nextBoolean() ? h.flowingSince.plusDays(5 + random.nextInt(35)) : null;
            rhythm = 30; // the liaison's monthly call (T1)
        } else {
            double r = random.nextDouble();
            rhythm = r < 0.7 ? 30 : r < 0.9 ? 60 : 85;
        }
        double baseHazard = (flow ? (h.reportedIn == null ? 0.20 : 0.08) : 0.05) / 365; // drifting away, per day
        double suddenHazard = 0.01 / 365;                                               // gone at once, per day

        Instant lastReached = null;
        LocalDate next = h.registered.plusDays(random.nextInt(rhythm));
        LocalDate driftSince = null;
        LocalDate recoversOn = null;
        boolean gone = false;
        boolean lost = false;
        LocalDate foundOn = null;
        double multiplier = 1;
        LocalDate[] transfer = null;
        for (LocalDate day = h.registered; day.isBefore(END); day = day.plusDays(1)) {
            Instant now = at(day);
            // transfers: a letter now and then; most receipts come back, some never
            if (transfer == null && random.nextDouble() < 0.03 / 365) {
                LocalDate received = random.nextDouble() < 0.8 ? day.plusDays(20 + random.nextInt(60)) : null;
                transfer = new LocalDate[] { day, day.plusMonths(3), received };
                h.transfers.add(transfer);
            }
            double transferFactor = transfer != null && transfer[2] == null && !day.isBefore(transfer[1]) ? 2 : 1;
            if (transfer != null && transfer[2] != null && !day.isBefore(transfer[2])) {
                transfer = null;
            }
            // drifting away, or vanishing
            if (!lost && !gone && driftSince == null) {
                if (random.nextDouble() < suddenHazard * multiplier) {
                    gone = true;
                } else if (random.nextDouble() < baseHazard * multiplier * transferFactor) {
                    driftSince = day;
                    recoversOn = random.nextDouble() < 0.35 ? day.plusDays(20 + random.nextInt(50)) : null;
                }
            }
            if (driftSince != null && recoversOn != null && !day.isBefore(recoversOn)) {
                driftSince = null;
                recoversOn = null;
            }
            boolean troubled = gone || driftSince != null;
            if (troubled && day.getDayOfMonth() == 15 && random.nextDouble() < 0.4) {
                h.failedDeliveries.add(new Attempt(now, "SMS")); // the number changed: reminders refused
            } else if (!troubled && day.getDayOfMonth() == 15 && random.nextDouble() < 0.004) {
                h.failedDeliveries.add(new Attempt(now, "SMS"));
            }
            // the scheduled contact
            if (!lost && !day.isBefore(next)) {
                double reach = gone ? 0 : driftSince == null ? 0.95
                        : ChronoUnit.DAYS.between(driftSince, day) < 30 ? 0.5
                                : ChronoUnit.DAYS.between(driftSince, day) < 60 ? 0.2 : 0;
                if (random.nextDouble() < reach) {
                    h.reached.add(now);
                    lastReached = now;
                    next = day.plusDays(Math.max(7, rhythm - 5 + random.nextInt(11)));
                } else {
                    h.notReached.add(new Attempt(now, random.nextDouble() < 0.7 ? "PHONE" : "VISIT"));
                    next = day.plusDays(troubled ? 10 + random.nextInt(10) : 7);
                }
            }
            // T5, as the scan finds it: a case opens
            Instant start = lastReached == null ? at(h.registered) : lastReached;
            if (!lost && !Deadlines.dueAt(start, periods.lostContact()).isAfter(now)) {
                lost = true;
                h.losses.add(now);
                foundOn = random.nextDouble() < 0.6 ? day.plusDays(30 + random.nextInt(120)) : null;
            }
            if (lost && foundOn != null && day.equals(foundOn)) {
                lost = false;
                gone = false;
                driftSince = null;
                h.found.add(now);
                h.reached.add(now);
                lastReached = now;
                multiplier *= 3; // found once, lost again more easily
                followUps(h, day, random);
                next = day.plusDays(rhythm);
            }
        }
        return h;
    }

    /** The follow-up plan after a finding (C7): weekly ×4, then monthly ×3; a visit made is a REACHED contact. */
    private static void followUps(History h, LocalDate found, Random random) {
        for (int i = 1; i <= 7; i++) {
            LocalDate due = i <= 4 ? found.plusWeeks(i) : found.plusWeeks(4).plusMonths(i - 4);
            if (due.isBefore(END)) {
                if (random.nextDouble() < 0.25) {
                    h.missedFollowUps.add(at(due));
                } else {
                    h.reached.add(at(due));
                }
            }
        }
    }

    // --- the evaluation -----------------------------------------------------------------------------------------

    /** Figures at one instant, or summed over several. */
    static final class Figures {
        long assessed;
        long flagged;
        long laterLost;
        long laterLostFlagged;
        long flaggedBeforeT2;       // later lost, flagged, and their quarterly clock had not fired yet
        long quarterlyListed;       // baseline: members whose T2 has fired by T (the overdue work list)
        long laterLostOnQuarterly;
        final long[] bySignal = new long[RiskSignal.values().length]; // signals of the later-lost flagged

        void add(Figures o) {
            assessed += o.assessed;
            flagged += o.flagged;
            laterLost += o.laterLost;
            laterLostFlagged += o.laterLostFlagged;
            flaggedBeforeT2 += o.flaggedBeforeT2;
            quarterlyListed += o.quarterlyListed;
            laterLostOnQuarterly += o.laterLostOnQuarterly;
            for (int i = 0; i < bySignal.length; i++) {
                bySignal[i] += o.bySignal[i];
            }
        }
    }

    private Figures evaluate(List<History> city, LocalDate t) {
        Instant asOf = ShanghaiCalendar.startOfDay(t);
        Instant horizon = ShanghaiCalendar.startOfDay(t.plus(HORIZON));
        Figures f = new Figures();
        for (History h : city) {
            if (h.registered.isAfter(t)) {
                continue;
            }
            RiskScore score = risk.assess(signalsAsOf(h, asOf, t));
            if (score.lost()) {
                continue;
            }
            f.assessed++;
            boolean laterLost = h.losses.stream().anyMatch(l -> l.isAfter(asOf) && !l.isAfter(horizon));
            f.flagged += score.atRisk() ? 1 : 0;
            f.quarterlyListed += score.overdue() ? 1 : 0;
            if (laterLost) {
                f.laterLost++;
                f.laterLostOnQuarterly += score.overdue() ? 1 : 0;
                if (score.atRisk()) {
                    f.laterLostFlagged++;
                    f.flaggedBeforeT2 += score.overdue() ? 0 : 1;
                    score.contributions().forEach(c -> f.bySignal[c.signal().ordinal()]++);
                }
            }
        }
        return f;
    }

    /** What tracking-service would hold about the member at {@code asOf}: nothing recorded later. */
    private static RiskSignals signalsAsOf(History h, Instant asOf, LocalDate t) {
        LocalDate flowingSince = h.flowingSince != null && (h.reportedIn == null || h.reportedIn.isAfter(t))
                ? h.flowingSince : null;
        LocalDate issued = null;
        LocalDate due = null;
        for (LocalDate[] transfer : h.transfers) {
            if (!transfer[0].isAfter(t) && (transfer[2] == null || transfer[2].isAfter(t))) {
                issued = transfer[0];
                due = transfer[1];
            }
        }
        Instant openCaseSince = null;
        for (Instant loss : h.losses) {
            boolean foundSince = h.found.stream().anyMatch(found -> found.isAfter(loss) && !found.isAfter(asOf));
            if (!loss.isAfter(asOf) && !foundSince) {
                openCaseSince = loss;
            }
        }
        return new RiskSignals(asOf, at(h.registered), null, before(h.reached, asOf),
                h.notReached.stream().filter(a -> !a.at().isAfter(asOf)).toList(),
                h.failedDeliveries.stream().filter(a -> !a.at().isAfter(asOf)).toList(), null, flowingSince, issued, due,
                before(h.losses, asOf), before(h.missedFollowUps, asOf), openCaseSince);
    }

    private static List<Instant> before(List<Instant> instants, Instant asOf) {
        return instants.stream().filter(i -> !i.isAfter(asOf)).toList();
    }

    @Test
    void printsTheShareOfLaterLostMembersTheListFlaggedInAdvance() {
        Random random = new Random(SEED);
        List<History> city = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++) {
            city.add(simulate(random));
        }
        System.out.printf("%n流失风险 evaluation: %,d simulated members, seed %d, horizon %s, threshold %d%n", MEMBERS, SEED,
                HORIZON, config.getConfigMapping(RiskConfig.class).threshold());
        System.out.printf("%-10s %8s %8s %10s %14s %10s %10s %12s %10s %10s%n", "T", "assessed", "flagged", "later-lost",
                "lost-flagged", "recall", "precision", "before-T2", "T2-list", "T2-recall");
        Figures total = new Figures();
        for (LocalDate t : INSTANTS) {
            Figures f = evaluate(city, t);
            print(t.toString(), f);
            total.add(f);
        }
        print("all six", total);
        System.out.print("signals of the later-lost members flagged:");
        for (RiskSignal signal : RiskSignal.values()) {
            System.out.printf(" %s %d", signal, total.bySignal[signal.ordinal()]);
        }
        System.out.println();

        assertThat(total.laterLost).as("the simulated city loses members after the instants").isPositive();
        assertThat(total.flagged).as("the list flags members").isPositive();
    }

    private static void print(String label, Figures f) {
        System.out.printf("%-10s %8d %8d %10d %14d %9.1f%% %9.1f%% %12d %10d %9.1f%%%n", label, f.assessed, f.flagged,
                f.laterLost, f.laterLostFlagged, percent(f.laterLostFlagged, f.laterLost),
                percent(f.laterLostFlagged, f.flagged), f.flaggedBeforeT2, f.quarterlyListed,
                percent(f.laterLostOnQuarterly, f.laterLost));
    }

    private static double percent(long part, long whole) {
        return whole == 0 ? 0 : 100.0 * part / whole;
    }
}
