package cn.lianxin.faults;

import static cn.lianxin.faults.FaultySystem.MEMBER;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
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

    /**
     * The issue asks for 10,000 events and 5 kills (run by hand with -Dlianxin.faults.broker-kill.events=10000); on 2
     * cores tracking-service consumes about 20 registrations a second and a broker restart takes about 13 s, so CI's
     * budget allows this many. They are written faster than they are consumed: the consumers catch up while the broker
     * is up between kills and after the last.
     */
    static final int EVENTS = Integer.getInteger("lianxin.faults.broker-kill.events", 1_500);
    static final int KILLS = Integer.getInteger("lianxin.faults.broker-kill.kills", 5);
    static final int WRITES_PER_SECOND = 40;

    private final FaultySystem system = FaultySystem.get();

    @Test
    void theBrokerHardKilledWhileEventsFlowEveryAcknowledgedWritesEventIsConsumedOnceByEveryConsumer() {
        UUID branch = People.branch(system, "断电");
        List<Long> restartMillis = new ArrayList<>();
        List<Load.Outcome> outcomes = new ArrayList<>();
        // The writes come in KILLS + 1 rounds, and the broker dies in the middle of each round but the last. A restart
        // takes most of a minute on 2 cores: one load running through it would spend the scenario's events on the
        // restarts, so each round ends with its share of writes (acknowledged while the broker is dead), and the next
        // starts once it is back.
        int perRound = EVENTS / (KILLS + 1);
        boolean brokerDead = false;
        try {
            for (int round = 0; round <= KILLS; round++) {
                try (Load load = Load.start(system.url(MEMBER) + "/api/v1/members", FaultySystem.admin(), WRITES_PER_SECOND,
                        perRound, n -> People.memberBody(branch))) {
                    if (round < KILLS) {
                        CutOffFaultTest.awaitAcknowledged(load, perRound / 2);
                        system.broker.kill();
                        brokerDead = true;
                        long acknowledgedAtKill = acknowledged(load);
                        // Writes go on while the broker is dead: their events wait in member-service's outbox.
                        Awaitility.await("writes acknowledged with the broker dead (kill " + (round + 1) + ")")
                                .atMost(Duration.ofSeconds(60))
                                .until(() -> acknowledged(load) >= acknowledgedAtKill + WRITES_PER_SECOND / 2);
                    }
                    Awaitility.await("round " + round + "'s " + perRound + " writes answered").atMost(Duration.ofSeconds(90))
                            .pollInterval(Duration.ofMillis(200)).until(() -> load.outcomes().size() >= perRound);
                    load.close();
                    outcomes.addAll(load.outcomes());
                }
                if (brokerDead) {
                    long restart = System.currentTimeMillis();
                    system.broker.restart();
                    brokerDead = false;
                    restartMillis.add(System.currentTimeMillis() - restart);
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
        try {
            Awaitility.await("every MemberRegistered consumed by " + CONSUMERS).atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofSeconds(1)).until(() -> {
                        for (String consumer : CONSUMERS) {
                            consumed.put(consumer, system.database.count("SELECT count(*) " + ofBranch
                                    + " AND o.id IN (SELECT event_id FROM " + consumer + ".processed_event)", branch.toString()));
                        }
                        return consumed.values().stream().allMatch(count -> count == eventIds.size());
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(String.format("of %d MemberRegistered events, consumed %s; %d still in member-service's"
                    + " outbox", eventIds.size(), consumed, system.database.count(
                            "SELECT count(*) FROM member.outbox_event WHERE published_at IS NULL")), e);
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
                + "broker restarts took %s ms; consumers caught up %d ms after the last write%n",
                KILLS, outcomes.size(), members.size(), stored.size(), eventIds.size(), published, republished, consumed,
                effects, restartMillis, drained);
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

    private static long acknowledged(Load load) {
        return load.outcomes().stream().filter(Load.Outcome::acknowledged).count();
    }
}
