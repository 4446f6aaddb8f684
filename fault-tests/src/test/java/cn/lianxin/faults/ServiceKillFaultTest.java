package cn.lianxin.faults;

import static cn.lianxin.faults.FaultySystem.TRACKING;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import cn.lianxin.local.ServiceProcess;

/** tracking-service killed with SIGKILL (kill -9) and started again, several times, under a steady write load. */
@Order(2)
class ServiceKillFaultTest {

    static final int KILLS = 3;
    static final int WRITES_PER_SECOND = 50;

    private final FaultySystem system = FaultySystem.get();

    @Test
    void aServiceKilledMidWriteStoresAndPublishesEveryAcknowledgedWriteExactlyOnce() {
        List<UUID> members = new ArrayList<>();
        UUID branch = People.branch(system, "断电服务");
        for (int i = 0; i < 5; i++) {
            members.add(People.member(system, branch));
        }
        ContactLedger ledger = new ContactLedger("kill-9-" + UUID.randomUUID(), members);
        ServiceProcess tracking = system.services.get(TRACKING);
        List<Long> recoveries = new ArrayList<>();
        List<Load.Outcome> outcomes;
        try (Load load = Load.start(system.url(TRACKING) + "/api/v1/contacts", FaultySystem.admin(), WRITES_PER_SECOND,
                ledger::contact)) {
            for (int kill = 1; kill <= KILLS; kill++) {
                CutOffFaultTest.awaitAcknowledged(load, WRITES_PER_SECOND * 2 * kill);
                tracking.kill();
                long killedAt = System.currentTimeMillis();
                tracking.restart();
                tracking.awaitReady(Duration.ofSeconds(120));
                recoveries.add(System.currentTimeMillis() - killedAt);
            }
            CutOffFaultTest.awaitAcknowledged(load, WRITES_PER_SECOND * 2 * (KILLS + 1));
            load.close();
            outcomes = load.outcomes();
        }
        long unanswered = outcomes.stream().filter(o -> !o.acknowledged()).count();
        System.out.printf("tracking-service killed %d times under %d writes/s: %d writes, %d not acknowledged (%s);"
                + " back and ready after %s ms%n", KILLS, WRITES_PER_SECOND, outcomes.size(), unanswered,
                outcomes.stream().filter(o -> !o.acknowledged()).map(Load.Outcome::status).distinct().toList(), recoveries);
        ContactLedger.Figures figures = ledger.assertEveryAcknowledgedWriteStoredOnceAndPublished(system, outcomes);
        FaultTable.add(new FaultTable.Row("tracking-service kill -9 under " + WRITES_PER_SECOND + " writes/s", KILLS,
                figures.acknowledged(), figures.stored(), figures.published(), figures.lost(), figures.storedTwice(),
                "ready " + recoveries.stream().mapToLong(Long::longValue).max().orElse(0) + " ms max after the kill"));
    }
}
