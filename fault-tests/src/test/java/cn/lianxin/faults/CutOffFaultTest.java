package cn.lianxin.faults;

import static cn.lianxin.faults.FaultySystem.TRACKING;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * tracking-service cut off from PostgreSQL, then from the broker, behind {@link cn.lianxin.testing.TcpProxy
 * proxies}, while contacts are written at a steady rate.
 */
@Order(1)
class CutOffFaultTest {

    /** How long each cut lasts. */
    static final Duration OUTAGE = Duration.ofSeconds(30);
    static final int WRITES_PER_SECOND = 50;

    private final FaultySystem system = FaultySystem.get();
    private final HttpClient http = HttpClient.newHttpClient();

    /** Members registered at member-service while tracking-service is cut off from its database. */
    static final int REGISTERED_DURING_THE_CUT = 5;

    @Test
    void withoutItsDatabaseAServiceAnswers503ProblemJsonAtOnceIsNotReadyAndResumesLosingNothing() {
        ContactLedger ledger = new ContactLedger("db-cut-" + UUID.randomUUID(), members("断库"));
        UUID registeredBranch = People.branch(system, "断库登记");
        String contacts = system.url(TRACKING) + "/api/v1/contacts";
        List<Load.Outcome> outcomes;
        long cutAt;
        long restoredAt;
        long readyAgainAfter;
        try (Load load = Load.start(contacts, FaultySystem.admin(), WRITES_PER_SECOND, ledger::contact)) {
            awaitAcknowledged(load, 50);
            cutAt = System.currentTimeMillis();
            long notReadyAfter;
            system.trackingDatabase.cut();
            try {
                Awaitility.await("tracking-service not ready without its database").atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(100)).until(() -> readiness() == 503);
                notReadyAfter = System.currentTimeMillis() - cutAt;
                // Their MemberRegistered events reach tracking-service's consumer, which cannot store them yet.
                for (int i = 0; i < REGISTERED_DURING_THE_CUT; i++) {
                    People.api(system, FaultySystem.MEMBER).body(People.memberBody(registeredBranch))
                            .post("/api/v1/members").then().statusCode(201);
                }
                // The whole outage long, readiness says DOWN (a load balancer sends nobody there).
                Awaitility.await("tracking-service stays not ready while the database is away")
                        .during(OUTAGE.minusMillis(notReadyAfter)).atMost(OUTAGE.plusSeconds(5))
                        .pollInterval(Duration.ofMillis(500)).until(() -> readiness() == 503);
            } finally {
                system.trackingDatabase.restore(); // whatever failed: the tests after this one need the database
            }
            restoredAt = System.currentTimeMillis();
            Awaitility.await("tracking-service ready again").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(100)).until(() -> readiness() == 200);
            readyAgainAfter = System.currentTimeMillis() - restoredAt;
            int before = load.outcomes().size();
            Awaitility.await("writes acknowledged again").atMost(Duration.ofSeconds(60))
                    .until(() -> load.outcomes().stream().skip(before).anyMatch(Load.Outcome::acknowledged));
            System.out.printf("database cut: not ready after %d ms, ready again %d ms after it came back%n",
                    notReadyAfter, readyAgainAfter);
            load.close();
            outcomes = load.outcomes();
        }
        List<Load.Outcome> refused = outcomes.stream().filter(o -> !o.acknowledged()).toList();
        System.out.printf("database cut for %d s: %d writes, %d refused with %s; slowest refusal %d ms, median %d ms%n",
                OUTAGE.toSeconds(), outcomes.size(), refused.size(),
                refused.stream().map(o -> o.status() + " " + o.contentType()).distinct().toList(),
                refused.stream().mapToLong(Load.Outcome::millis).max().orElse(0), median(refused));
        assertThat(refused).as("writes refused while the database was away").isNotEmpty();
        assertThat(refused).as("every refusal is 503 problem+json")
                .allSatisfy(o -> {
                    assertThat(o.status()).isEqualTo(503);
                    assertThat(o.contentType()).startsWith("application/problem+json");
                });
        ContactLedger.Figures figures = ledger.assertEveryAcknowledgedWriteStoredOnceAndPublished(system, outcomes);
        // The consumer waited the outage out and applied them after, none dead-lettered (ConsumerRetry).
        Awaitility.await("members registered during the cut known to tracking-service").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500)).until(() -> system.database.count(
                        "SELECT count(*) FROM tracking.member WHERE org_id = CAST(? AS uuid)",
                        registeredBranch.toString()) == REGISTERED_DURING_THE_CUT);
        FaultTable.add(new FaultTable.Row("PostgreSQL unreachable " + OUTAGE.toSeconds() + " s (tracking-service)", 1,
                figures.acknowledged(), figures.stored(), figures.published(), figures.lost(), figures.storedTwice(),
                "ready " + readyAgainAfter + " ms after"));
    }

    @Test
    void cutOffTheBrokerAServiceKeepsAcceptingWritesInItsOutboxAndDrainsItAfter() {
        ContactLedger ledger = new ContactLedger("broker-cut-" + UUID.randomUUID(), members("断网"));
        String contacts = system.url(TRACKING) + "/api/v1/contacts";
        List<Load.Outcome> during = new ArrayList<>();
        List<Load.Outcome> outcomes;
        long drainedAfter;
        long pendingAtRestore;
        try (Load load = Load.start(contacts, FaultySystem.admin(), WRITES_PER_SECOND, ledger::contact)) {
            awaitAcknowledged(load, 50);
            system.trackingBroker.cut();
            try {
                int before = load.outcomes().size();
                // The outage long, writes keep being acknowledged: they wait in the outbox. Readiness stays UP: the
                // broker is reported, not required (a load balancer keeps sending writes there).
                Awaitility.await("writes acknowledged and the service ready while the broker is away").during(OUTAGE)
                        .atMost(OUTAGE.plusSeconds(15)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> load.outcomes().stream().skip(before).allMatch(Load.Outcome::acknowledged)
                                && readiness() == 200);
                pendingAtRestore = pending();
                List<Load.Outcome> soFar = load.outcomes(); // one copy: the load goes on adding to its own
                during.addAll(soFar.subList(before, soFar.size()));
            } finally {
                system.trackingBroker.restore(); // whatever failed: the tests after this one need the broker
            }
            long restoredAt = System.currentTimeMillis();
            load.close();
            Awaitility.await("tracking-service's outbox drained").atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(250)).until(() -> pending() == 0);
            drainedAfter = System.currentTimeMillis() - restoredAt;
            outcomes = load.outcomes();
        }
        System.out.printf("broker cut for %d s: %d writes during the cut, all acknowledged; %d events waited in the outbox,"
                + " drained %d ms after the broker came back%n", OUTAGE.toSeconds(), during.size(), pendingAtRestore, drainedAfter);
        assertThat(during).as("writes while the broker was away").isNotEmpty().allMatch(Load.Outcome::acknowledged);
        assertThat(pendingAtRestore).as("events held in the outbox during the cut").isPositive();
        ContactLedger.Figures figures = ledger.assertEveryAcknowledgedWriteStoredOnceAndPublished(system, outcomes);
        FaultTable.add(new FaultTable.Row("broker unreachable " + OUTAGE.toSeconds() + " s (tracking-service)", 1,
                figures.acknowledged(), figures.stored(), figures.published(), figures.lost(), figures.storedTwice(),
                "outbox drained " + drainedAfter + " ms after"));
    }

    private List<UUID> members(String branchName) {
        UUID branch = People.branch(system, branchName);
        List<UUID> members = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            members.add(People.member(system, branch));
        }
        return members;
    }

    private long pending() {
        return system.database.count("SELECT count(*) FROM tracking.outbox_event WHERE published_at IS NULL");
    }

    private int readiness() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(system.managementUrl(TRACKING) + "/q/health/ready"))
                .timeout(Duration.ofSeconds(10)).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    static void awaitAcknowledged(Load load, int count) {
        Awaitility.await(count + " writes acknowledged").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> load.outcomes().stream().filter(Load.Outcome::acknowledged).count() >= count);
    }

    static long median(List<Load.Outcome> outcomes) {
        List<Long> sorted = outcomes.stream().map(Load.Outcome::millis).sorted().toList();
        return sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
    }
}
