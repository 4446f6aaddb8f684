package cn.lianxin.faults;

import static cn.lianxin.faults.FaultySystem.MEMBER;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import cn.lianxin.testing.KafkaEvents;

/**
 * The broker killed with SIGKILL and started again, several times, while members are registered: each registration
 * is a MemberRegistered event that tracking-, case- and notification-service consume into their own tables.
 */
@Order(3)
class BrokerKillFaultTest {

    static final String MEMBER_REGISTERED = "lianxin.member.MemberRegistered.v1";
    static final List<String> CONSUMERS = List.of("tracking", "cases", "notification");
    /** Each consumer's schema (above) to its consumer group, named as its module. */
    static final Map<String, String> GROUPS = Map.of("tracking", FaultySystem.TRACKING, "cases", FaultySystem.CASES,
            "notification", FaultySystem.NOTIFICATION);

    /**
     * The issue asks for 10,000 events and 5 kills (run by hand with -Dlianxin.faults.broker-kill.events=10000); on 2
     * cores tracking-service consumes about 20 registrations a second and a broker restart takes about 13 s, so CI's
     * budget allows this many. They are written faster than they are consumed: the consumers catch up while the broker
     * is up between kills and after the last.
     */
    static final int EVENTS = Integer.getInteger("lianxin.faults.broker-kill.events", 1_500);
    static final int KILLS = Integer.getInteger("lianxin.faults.broker-kill.kills", 5);
    static final int WRITES_PER_SECOND = 40;

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final FaultySystem system = FaultySystem.get();

    @Test
    void theBrokerHardKilledWhileEventsFlowEveryAcknowledgedWritesEventIsConsumedOnceByEveryConsumer() {
        UUID branch = People.branch(system, "断电");
        List<Long> restartMillis = new ArrayList<>();
        List<Load.Outcome> outcomes = new ArrayList<>();
        // The writes come in KILLS + 1 rounds, and the broker dies in the middle of each round but the last. A restart
        // takes most of a minute on 2 cores: one load running through it would spend the scenario's events on the
        // restarts, so each round ends with its share of writes, and the next starts once the broker is back. A round
        // with a kill has two loads: the first is cut by the kill (half of it acknowledged before), the second is sent
        // whole with the broker dead — so that writes with the broker dead exist however fast or slow the service
        // answered the first (a slow service answers a burst at once, and the first load may be over by the kill).
        int perRound = EVENTS / (KILLS + 1);
        boolean brokerDead = false;
        try {
            for (int round = 0; round <= KILLS; round++) {
                if (round < KILLS) {
                    int cut = perRound / 2;
                    outcomes.addAll(write(branch, cut, load -> {
                        CutOffFaultTest.awaitAcknowledged(load, cut / 2);
                        system.broker.kill();
                    }));
                    brokerDead = true;
                    List<Load.Outcome> dead = write(branch, perRound - cut, load -> { });
                    // Their events wait in member-service's outbox: the writes themselves do not need the broker.
                    assertThat(dead.stream().filter(Load.Outcome::acknowledged).count())
                            .as("writes acknowledged with the broker dead (kill %d)", round + 1)
                            .isGreaterThanOrEqualTo((perRound - cut) / 2);
                    outcomes.addAll(dead);
                    long restart = System.currentTimeMillis();
                    system.broker.restart();
                    brokerDead = false;
                    restartMillis.add(System.currentTimeMillis() - restart);
                } else {
                    outcomes.addAll(write(branch, perRound, load -> { }));
                }
            }
        } finally {
            if (brokerDead) {
                system.broker.restart(); // the scenarios after this one need the broker
            }
        }
        Set<String> members = outcomes.stream().filter(Load.Outcome::acknowledged).map(Load.Outcome::id)
                .collect(Collectors.toSet());
        // Every event and effect of this scenario is about a member of its branch.
        String ofBranch = "FROM member.outbox_event o WHERE o.type = '" + MEMBER_REGISTERED + "' AND o.payload ->> 'orgId' = ?";
        List<String> eventIds = system.database.column("SELECT CAST(o.id AS text) " + ofBranch, branch.toString());
        long start = System.currentTimeMillis();
        Map<String, Long> consumed = new HashMap<>();
        List<String> livenessRestarts = new ArrayList<>();
        try {
            Awaitility.await("every MemberRegistered consumed by " + CONSUMERS).atMost(Duration.ofMinutes(6))
                    .pollInterval(Duration.ofSeconds(1)).until(() -> {
                        restartWhereLivenessFailed(livenessRestarts);
                        for (String consumer : CONSUMERS) {
                            consumed.put(consumer, system.database.count("SELECT count(*) " + ofBranch
                                    + " AND o.id IN (SELECT event_id FROM " + consumer + ".processed_event)", branch.toString()));
                        }
                        return consumed.values().stream().allMatch(count -> count == eventIds.size());
                    });
        } catch (ConditionTimeoutException e) {
            Set<String> behind = consumed.entrySet().stream().filter(c -> c.getValue() < eventIds.size())
                    .map(c -> GROUPS.get(c.getKey())).collect(Collectors.toCollection(TreeSet::new));
            throw new AssertionError(String.format("of %d MemberRegistered events, consumed %s; %d still in member-service's"
                    + " outbox%s", eventIds.size(), consumed, system.database.count(
                            "SELECT count(*) FROM member.outbox_event WHERE published_at IS NULL"),
                    ConsumerDiagnosis.of(system, "member.events", behind)), e);
        }
        long drained = System.currentTimeMillis() - start;
        Map<String, Long> onTopic = new HashMap<>();
        for (ConsumerRecord<String, String> record : system.events().all("member.events")) {
            if (MEMBER_REGISTERED.equals(KafkaEvents.header(record, "ce_type"))) {
                onTopic.merge(KafkaEvents.header(record, "ce_id"), 1L, Long::sum);
            }
        }
        long published = eventIds.stream().filter(onTopic::containsKey).count();
        long republished = eventIds.stream().mapToLong(id -> onTopic.getOrDefault(id, 0L)).sum() - published;
        // One effect per event: tracking-service's member projection has one row per registered member.
        long effects = system.database.count("SELECT count(*) FROM tracking.member WHERE org_id = CAST(? AS uuid)", branch.toString());
        List<String> stored = system.database.column("SELECT CAST(id AS text) FROM member.member WHERE org_id = CAST(? AS uuid)",
                branch.toString());
        System.out.printf("broker killed %d times: %d writes, %d acknowledged, %d stored, %d MemberRegistered events, "
                + "%d published (%d records republished with the same ce_id), consumed %s, tracking effects %d; "
                + "broker restarts took %s ms; consumers caught up %d ms after the last write; restarted as Kubernetes"
                + " would on a failed liveness check: %s%n",
                KILLS, outcomes.size(), members.size(), stored.size(), eventIds.size(), published, republished, consumed,
                effects, restartMillis, drained, livenessRestarts);
        assertThat(stored).as("acknowledged registrations stored").containsAll(members);
        assertThat(new HashSet<>(eventIds)).as("one MemberRegistered per stored registration").hasSize(stored.size());
        assertThat(published).as("events published").isEqualTo(eventIds.size());
        assertThat(consumed).as("events consumed, by consumer").allSatisfy((consumer, count) -> assertThat(count).isEqualTo(eventIds.size()));
        assertThat(effects).as("effects = distinct event ids").isEqualTo(eventIds.size());
        FaultTable.add(new FaultTable.Row("broker SIGKILL + restart while " + EVENTS + " events flow", KILLS,
                members.size(), stored.size(), published, eventIds.size() - consumed.values().stream().min(Long::compare).orElse(0L),
                effects - eventIds.size(), "restart " + restartMillis.stream().mapToLong(Long::longValue).max().orElse(0)
                        + " ms max; caught up " + drained + " ms after"));
    }

    /**
     * What the kubelet does in production: a service whose liveness check fails (a Kafka channel that failed for good —
     * e.g. its consumer's commit lookup timed out across two kills, SRMSG18228) is restarted, and resumes from its
     * group's committed offsets. Without it the scenario would wait for a consumer that no longer exists.
     */
    private void restartWhereLivenessFailed(List<String> restarted) {
        for (String module : List.of(FaultySystem.TRACKING, FaultySystem.CASES, FaultySystem.NOTIFICATION)) {
            if (!live(module)) {
                restarted.add(module);
                system.restart(List.of(module), Map.of(), Path.of("target/fault-logs/liveness-restarts"));
            }
        }
    }

    private boolean live(String module) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(system.managementUrl(module) + "/q/health/live"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() != 503;
        } catch (IOException e) {
            return true; // not answering is not a failed check: the process may be busy; readiness says the rest
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /**
     * Registers {@code count} members of {@code branch} at {@link #WRITES_PER_SECOND}, runs {@code during} while they
     * are sent, and returns every write's outcome once all are answered.
     */
    private List<Load.Outcome> write(UUID branch, int count, Consumer<Load> during) {
        try (Load load = Load.start(system.url(MEMBER) + "/api/v1/members", FaultySystem.admin(), WRITES_PER_SECOND, count,
                n -> People.memberBody(branch))) {
            during.accept(load);
            Awaitility.await(count + " writes answered").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                    .until(() -> load.outcomes().size() >= count);
            load.close();
            return load.outcomes();
        }
    }
}
