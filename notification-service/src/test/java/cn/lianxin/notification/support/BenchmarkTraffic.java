package cn.lianxin.notification.support;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import org.apache.kafka.clients.producer.ProducerRecord;

import io.quarkus.test.junit.QuarkusTestProfile;

import cn.lianxin.contracts.CloudEventHeaders;
import cn.lianxin.contracts.EventSchemas;
import cn.lianxin.contracts.EventType;
import cn.lianxin.notification.support.Payloads.Contact;
import cn.lianxin.testing.RawKafka;

/**
 * What notification-service's benchmarks share: records enveloped exactly as the producing service's outbox relay
 * sends them (CloudEvents headers, the subject as the key, a traceparent), a raw producer and consumer for the
 * baselines, and the projections routing needs, seeded through {@code member.events} as member-service would publish
 * them (so that the consumers, not the benchmark, write them) and waited for before any clock starts. The raw
 * producer and consumer of the baselines are testing's {@link RawKafka}.
 */
public final class BenchmarkTraffic {

    public static final String ORG_CREATED = "lianxin.member.OrgCreated.v1";
    public static final String MEMBER_REGISTERED = "lianxin.member.MemberRegistered.v1";

    private static final EventSchemas SCHEMAS = EventSchemas.load();

    private BenchmarkTraffic() {
    }

    /**
     * One line per consumed event would be tens of thousands of log lines: the service logs warnings only. Shared by
     * the benchmarks so that they run in one Quarkus start.
     */
    public static class Quiet implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.log.category.\"cn.lianxin\".level", "WARN");
        }
    }

    /** A branch (党支部) as the projections know it, with its members (each in member_recipient). */
    public record Branch(UUID id, List<UUID> path, String orgPath, Contact secretary, List<UUID> members) {
    }

    /** The record the producing service's relay sends: its topic, the subject as key, the CloudEvents headers. */
    public static ProducerRecord<String, String> event(String ceType, UUID subject, String payload, Instant time) {
        EventType type = EventType.parse(ceType);
        ProducerRecord<String, String> record = new ProducerRecord<>(type.topic(), subject.toString(), payload);
        record.headers().add(CloudEventHeaders.SPECVERSION, CloudEventHeaders.SPEC_VERSION.getBytes(UTF_8));
        record.headers().add(CloudEventHeaders.ID, UUID.randomUUID().toString().getBytes(UTF_8));
        record.headers().add(CloudEventHeaders.TYPE, ceType.getBytes(UTF_8));
        record.headers().add(CloudEventHeaders.SOURCE, type.source().getBytes(UTF_8));
        record.headers().add(CloudEventHeaders.SUBJECT, subject.toString().getBytes(UTF_8));
        record.headers().add(CloudEventHeaders.TIME, time.toString().getBytes(UTF_8));
        record.headers().add(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.CONTENT_TYPE_JSON.getBytes(UTF_8));
        // the relay's publish span: the consumer continues its trace, and the notification row keeps it
        record.headers().add("traceparent", traceparent().getBytes(UTF_8));
        return record;
    }

    /** The record's ce_id. */
    public static UUID id(ProducerRecord<String, String> record) {
        return UUID.fromString(new String(record.headers().lastHeader(CloudEventHeaders.ID).value(), UTF_8));
    }

    /** 市委 (root) with its secretary, as member-service publishes it; waits until the org projection has it. */
    public static UUID root(DataSource db) throws Exception {
        UUID root = UUID.randomUUID();
        RawKafka.send(List.of(org(root, List.of(root), "COMMITTEE", "中共X市委", contact("市委书记"))), System.nanoTime());
        awaitCount(db, Duration.ofMinutes(1), 1, "SELECT count(*) FROM org_projection WHERE org_id = ?", root);
        return root;
    }

    /**
     * A branch under {@code root} with its secretary (who hears about every case) and {@code members} registered
     * members: OrgCreated and MemberRegistered on {@code member.events}, sent at once; returns once the org projection,
     * the 联心卡 extras and every member's recipient row are stored.
     */
    public static Branch branch(DataSource db, UUID root, String name, int members) throws Exception {
        UUID branch = UUID.randomUUID();
        List<UUID> path = List.of(root, branch);
        Contact secretary = contact("张书记");
        List<ProducerRecord<String, String>> records = new ArrayList<>(members + 1);
        records.add(org(branch, path, "BRANCH", name, secretary));
        List<UUID> ids = new ArrayList<>(members);
        for (int i = 0; i < members; i++) {
            UUID member = UUID.randomUUID();
            String payload = Payloads.memberRegistered(member, branch, path, "党员" + (i + 1), mobile(), null, null, null);
            if (i == 0) {
                SCHEMAS.assertValid(MEMBER_REGISTERED, payload);
            }
            records.add(event(MEMBER_REGISTERED, member, payload, Instant.now()));
            ids.add(member);
        }
        RawKafka.send(records, System.nanoTime());
        Duration atMost = Duration.ofMinutes(10);
        awaitCount(db, atMost, 1, "SELECT count(*) FROM org_projection WHERE org_id = ?", branch);
        awaitCount(db, atMost, 1, "SELECT count(*) FROM org_card WHERE org_id = ?", branch);
        awaitCount(db, atMost, members, "SELECT count(*) FROM member_recipient WHERE org_id = ? AND name <> ''", branch);
        return new Branch(branch, path, "/" + root + "/" + branch + "/", secretary, List.copyOf(ids));
    }

    private static ProducerRecord<String, String> org(UUID org, List<UUID> path, String type, String name, Contact secretary) {
        String payload = Payloads.orgCreated(org, path, type, name, secretary, null, null, null);
        SCHEMAS.assertValid(ORG_CREATED, payload);
        return event(ORG_CREATED, org, payload, Instant.now());
    }

    public static Contact contact(String name) {
        String phone = mobile();
        return new Contact(name, phone, "wx" + phone, null);
    }

    public static String mobile() {
        return "139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    /** Waits (polling every 100 ms) until the query counts at least {@code expected}. */
    public static void awaitCount(DataSource db, Duration atMost, long expected, String sql, Object... parameters) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(100)).until(() -> count(db, sql, parameters) >= expected);
    }

    public static long count(DataSource db, String sql, Object... parameters) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                q.setObject(i + 1, parameters[i]);
            }
            try (ResultSet r = q.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    /**
     * A relay's publish span as production sends it by default (tracing sampled at 0: the trace id propagates, the
     * flags say "not sampled", so consumers record no span).
     */
    private static String traceparent() {
        HexFormat hex = HexFormat.of();
        byte[] trace = new byte[16];
        byte[] span = new byte[8];
        ThreadLocalRandom.current().nextBytes(trace);
        ThreadLocalRandom.current().nextBytes(span);
        return "00-" + hex.formatHex(trace) + "-" + hex.formatHex(span) + "-00";
    }
}
