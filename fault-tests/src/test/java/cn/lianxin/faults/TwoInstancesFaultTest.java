package cn.lianxin.faults;

import static cn.lianxin.faults.FaultySystem.CASES;
import static cn.lianxin.faults.FaultySystem.MEMBER;
import static cn.lianxin.faults.FaultySystem.NOTIFICATION;
import static cn.lianxin.faults.FaultySystem.TRACKING;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import cn.lianxin.local.ServiceProcess;
import cn.lianxin.testing.KafkaEvents;

/**
 * Two instances of every service at once, on the same database, broker and consumer groups (issue 12): each
 * scheduled scan runs once per cluster, each event is emitted once and in per-member order, and the consumers of both
 * instances share the partitions.
 *
 * <p>The daily crons cannot be fired on demand, so both instances of every service run with the same cron firing
 * every 10 s (the services' instances the other scenarios use are started again with it, and get their own back when
 * the next scenario starts): both fire each run at the same scheduled fire time, and exactly one of them may run it.
 */
@Order(4)
class TwoInstancesFaultTest {

    /** Every scheduled daily job, by service; retention runs in each. */
    static final Map<String, List<String>> JOBS = Map.of(
            MEMBER, List.of("member-rule-scan", "retention"),
            TRACKING, List.of("contact-clock-scan", "retention"),
            CASES, List.of("case-scan", "retention"),
            NOTIFICATION, List.of("retention"));
    static final Map<String, String> SCHEMAS = Map.of(MEMBER, "member", TRACKING, "tracking", CASES, "cases",
            NOTIFICATION, "notification");
    /** Fire times at which both instances fired a job, per job, that the scenario waits for. */
    static final int CONTENDED_RUNS = 1;
    static final int WRITES_PER_SECOND_EACH = 15;
    static final String EVERY_10_SECONDS = "0/10 * * * * ?";
    private static final Pattern RUN_LINE = Pattern.compile("Scheduled (\\S+) of (\\S+) (claimed|skipped) here \\(([^)]+)\\)");

    private final FaultySystem system = FaultySystem.get();

    /** One fire of one job on one instance, as its log tells it. */
    record Fire(String module, String job, String fireTime, String verdict, String instance) {
    }

    @Test
    void twoInstancesOfEveryServiceRunEachScheduledScanOnceEmitEachEventOnceInOrderAndShareThePartitions() {
        UUID branch = People.branch(system, "双实例");
        List<UUID> members = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            members.add(People.member(system, branch));
        }
        List<String> modules = FaultySystem.modules();
        Path logs = Path.of("target/fault-logs/two-instances");
        List<ServiceProcess> seconds = new ArrayList<>();
        try {
            for (String module : modules) {
                seconds.add(system.startInstance(module, scheduled(module, "b"), logs.resolve("b")));
            }
            system.restart(modules, modules.stream().collect(Collectors.toMap(m -> m, m -> scheduled(m, "a"))),
                    logs.resolve("a"));
            seconds.forEach(second -> second.awaitReady(Duration.ofSeconds(180)));
            Map<String, ServiceProcess> second = seconds.stream()
                    .collect(Collectors.toMap(process -> process.service().module(), process -> process));

            Map<String, Map<String, Integer>> partitions = awaitBothInstancesConsuming(modules);

            ContactLedger viaFirst = new ContactLedger("two-instances-a-" + UUID.randomUUID(), members);
            ContactLedger viaSecond = new ContactLedger("two-instances-b-" + UUID.randomUUID(), members);
            List<Load.Outcome> first;
            List<Load.Outcome> other;
            List<Fire> fires;
            try (Load a = Load.start(system.url(TRACKING) + "/api/v1/contacts", FaultySystem.admin(), WRITES_PER_SECOND_EACH,
                    viaFirst::contact);
                    Load b = Load.start(second.get(TRACKING).service().url() + "/api/v1/contacts", FaultySystem.admin(),
                            WRITES_PER_SECOND_EACH, viaSecond::contact)) {
                fires = awaitContendedRuns(modules, second);
                CutOffFaultTest.awaitAcknowledged(a, WRITES_PER_SECOND_EACH * 10);
                CutOffFaultTest.awaitAcknowledged(b, WRITES_PER_SECOND_EACH * 10);
                a.close();
                b.close();
                first = a.outcomes();
                other = b.outcomes();
            }

            Map<List<String>, List<Fire>> byRun = fires.stream()
                    .collect(Collectors.groupingBy(f -> List.of(f.module(), f.job(), f.fireTime()), LinkedHashMap::new,
                            Collectors.toList()));
            long ranTwice = byRun.values().stream().filter(run -> claimed(run) > 1).count();
            List<List<String>> contended = byRun.entrySet().stream()
                    .filter(run -> claimed(run.getValue()) == 1 && skipped(run.getValue()) == 1)
                    .map(Map.Entry::getKey).toList();
            for (List<String> run : contended) {
                Fire winner = byRun.get(run).stream().filter(f -> f.verdict().equals("claimed")).findFirst().orElseThrow();
                Fire loser = byRun.get(run).stream().filter(f -> f.verdict().equals("skipped")).findFirst().orElseThrow();
                assertThat(loser.instance()).as("%s: the instance that skipped", run).isNotEqualTo(winner.instance());
                // a run that fired after the wait above may still be running: its claim row gets its outcome when it ends
                Awaitility.await(run + " ended").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
                        .until(() -> ended(run.get(0), run.get(1), run.get(2)));
                assertThat(system.database.column("SELECT instance || ' ' || coalesce(outcome, '-') FROM "
                        + SCHEMAS.get(run.get(0)) + ".scheduled_run WHERE job = ? AND fire_time = CAST(? AS timestamptz)",
                        run.get(1), run.get(2)))
                        .as("%s: its one claim row", run).containsExactly(winner.instance() + " SUCCEEDED");
            }
            System.out.printf("two instances of every service, jobs every 10 s: %d fires logged, %d runs, %d fired on both"
                    + " instances and run by one, %d run twice; consumers' partitions by group and client %s%n",
                    fires.size(), byRun.size(), contended.size(), ranTwice, partitions);
            assertThat(ranTwice).as("runs that two instances ran").isZero();

            ContactLedger.Figures a = viaFirst.assertEveryAcknowledgedWriteStoredOnceAndPublished(system, first);
            ContactLedger.Figures b = viaSecond.assertEveryAcknowledgedWriteStoredOnceAndPublished(system, other);
            assertThat(a.acknowledged()).as("writes acknowledged by the first instance").isPositive();
            assertThat(b.acknowledged()).as("writes acknowledged by the second instance").isPositive();
            long duplicates = a.duplicateRecords() + b.duplicateRecords();
            assertThat(duplicates).as("ContactRecorded records on the topic beyond one per event (ce_id)").isZero();
            long outOfOrder = assertPerMemberOrder(members);

            FaultTable.add(new FaultTable.Row("a second instance of every service (jobs every 10 s, writes to both)",
                    contended.size(), a.acknowledged() + b.acknowledged(), a.stored() + b.stored(),
                    a.published() + b.published(), a.lost() + b.lost(), duplicates + ranTwice + outOfOrder,
                    contended.size() + " scheduled runs fired on both, run by one; both consume "
                            + partitions.values().stream().mapToInt(Map::size).sum() + " channels"));
        } finally {
            system.stopInstances(seconds); // the first instances get their own environment back at the next get()
        }
    }

    /**
     * The environment of instance {@code name} of {@code module}: every daily job of it fires every 10 s, and the
     * claims it writes say which instance it is.
     */
    private static Map<String, String> scheduled(String module, String name) {
        Map<String, String> env = new HashMap<>();
        env.put("LIANXIN_SCHEDULE_INSTANCE", module + "-" + name);
        env.put("LIANXIN_RETENTION_CRON", EVERY_10_SECONDS);
        switch (module) {
            case MEMBER -> env.put("LIANXIN_MEMBER_SCAN_CRON", EVERY_10_SECONDS);
            case TRACKING -> env.put("LIANXIN_TRACKING_SCAN_CRON", EVERY_10_SECONDS);
            case CASES -> env.put("LIANXIN_CASES_SCAN_CRON", EVERY_10_SECONDS);
            default -> {
                // notification-service has no scan of its own: retention only
            }
        }
        return env;
    }

    /**
     * Waits until every job of every service has fired {@value #CONTENDED_RUNS} times on both instances at the same
     * fire time and the run has ended; returns every fire both instances logged.
     */
    private List<Fire> awaitContendedRuns(List<String> modules, Map<String, ServiceProcess> second) {
        List<Fire> fires = new ArrayList<>();
        Awaitility.await("every job fired " + CONTENDED_RUNS + " times on both instances and ended")
                .atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).until(() -> {
                    fires.clear();
                    for (String module : modules) {
                        fires.addAll(fires(module, system.services.get(module).log()));
                        fires.addAll(fires(module, second.get(module).log()));
                    }
                    for (String module : modules) {
                        for (String job : JOBS.get(module)) {
                            Map<String, List<Fire>> runs = fires.stream()
                                    .filter(f -> f.module().equals(module) && f.job().equals(job))
                                    .collect(Collectors.groupingBy(Fire::fireTime));
                            long ended = runs.entrySet().stream()
                                    .filter(run -> claimed(run.getValue()) == 1 && skipped(run.getValue()) == 1)
                                    .filter(run -> ended(module, job, run.getKey()))
                                    .count();
                            if (ended < CONTENDED_RUNS) {
                                return false;
                            }
                        }
                    }
                    return true;
                });
        return List.copyOf(fires);
    }

    private boolean ended(String module, String job, String fireTime) {
        return system.database.count("SELECT count(*) FROM " + SCHEMAS.get(module) + ".scheduled_run WHERE job = ?"
                + " AND fire_time = CAST(? AS timestamptz) AND finished_at IS NOT NULL", job, fireTime) == 1;
    }

    private static List<Fire> fires(String module, Path log) {
        try {
            List<Fire> fires = new ArrayList<>();
            for (String line : Files.readAllLines(log)) {
                Matcher m = RUN_LINE.matcher(line);
                if (m.find()) {
                    fires.add(new Fire(module, m.group(1), m.group(2), m.group(3), m.group(4)));
                }
            }
            return fires;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long claimed(List<Fire> run) {
        return run.stream().filter(f -> f.verdict().equals("claimed")).count();
    }

    private static long skipped(List<Fire> run) {
        return run.stream().filter(f -> f.verdict().equals("skipped")).count();
    }

    /**
     * Waits until, in each service's consumer group, every channel's consumer is there twice (once per instance) and
     * every one of them holds partitions; returns the partitions each client id holds, by group.
     */
    private Map<String, Map<String, Integer>> awaitBothInstancesConsuming(List<String> modules) {
        Map<String, Map<String, Integer>> partitions = new TreeMap<>();
        Map<String, ConsumerGroupDescription> described = new HashMap<>();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, system.broker.bootstrapServers()))) {
            Awaitility.await("both instances' consumers hold partitions in every group").atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofSeconds(1)).until(() -> {
                        partitions.clear();
                        described.clear();
                        Set<String> groups = admin.listConsumerGroups().all().get(10, TimeUnit.SECONDS).stream()
                                .map(listing -> listing.groupId()).filter(modules::contains)
                                .collect(Collectors.toCollection(LinkedHashSet::new));
                        described.putAll(admin.describeConsumerGroups(groups).all().get(10, TimeUnit.SECONDS));
                        boolean shared = described.size() >= 3; // tracking-, case- and notification-service consume
                        for (ConsumerGroupDescription group : described.values()) {
                            Map<String, List<MemberDescription>> byClient = group.members().stream()
                                    .collect(Collectors.groupingBy(MemberDescription::clientId));
                            Map<String, Integer> held = new TreeMap<>();
                            for (Map.Entry<String, List<MemberDescription>> client : byClient.entrySet()) {
                                List<Integer> sizes = client.getValue().stream()
                                        .map(member -> member.assignment().topicPartitions().size()).toList();
                                held.put(client.getKey(), sizes.stream().mapToInt(Integer::intValue).sum());
                                shared &= sizes.size() == 2 && sizes.stream().allMatch(size -> size > 0);
                            }
                            partitions.put(group.groupId(), held);
                        }
                        return shared;
                    });
        } catch (RuntimeException e) {
            throw new AssertionError("consumer groups: " + described, e);
        }
        return partitions;
    }

    /**
     * Per member, the ContactRecorded events on the topic come in the order they were stored (the outbox's seq); each
     * event is on the topic once. Returns the events found out of order (asserted to be none).
     */
    private long assertPerMemberOrder(List<UUID> members) {
        Set<String> ids = members.stream().map(UUID::toString).collect(Collectors.toSet());
        Map<String, List<String>> onTopic = new LinkedHashMap<>();
        Map<String, Long> copies = new HashMap<>();
        system.events().all("contact.events").stream()
                .filter(r -> ContactLedger.CONTACT_RECORDED.equals(KafkaEvents.header(r, "ce_type")))
                .filter(r -> ids.contains(r.key()))
                .sorted(Comparator.comparingInt((ConsumerRecord<String, String> r) -> r.partition())
                        .thenComparingLong(ConsumerRecord::offset))
                .forEach(r -> {
                    String id = KafkaEvents.header(r, "ce_id");
                    if (copies.merge(id, 1L, Long::sum) == 1) {
                        onTopic.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(id);
                    }
                });
        long outOfOrder = 0;
        for (UUID member : members) {
            Map<String, Long> seq = new HashMap<>();
            for (String row : system.database.column("SELECT CAST(id AS text) || ' ' || seq FROM tracking.outbox_event"
                    + " WHERE type = ? AND event_key = ?", ContactLedger.CONTACT_RECORDED, member.toString())) {
                String[] parts = row.split(" ");
                seq.put(parts[0], Long.parseLong(parts[1]));
            }
            List<Long> order = onTopic.getOrDefault(member.toString(), List.of()).stream().map(seq::get).toList();
            assertThat(order).as("stored events of member %s on the topic", member).doesNotContainNull()
                    .hasSize(seq.size());
            for (int i = 1; i < order.size(); i++) {
                if (order.get(i) < order.get(i - 1)) {
                    outOfOrder++;
                }
            }
            assertThat(order).as("member %s's events on the topic, by the order they were stored", member).isSorted();
        }
        assertThat(copies.values()).as("records per ce_id").allMatch(count -> count == 1);
        return outOfOrder;
    }
}
