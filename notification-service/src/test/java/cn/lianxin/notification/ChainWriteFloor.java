package cn.lianxin.notification;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.lianxin.contracts.CloudEventHeaders;
import cn.lianxin.testing.LianxinTestResource;

/**
 * The chain's write floor ({@link NotificationChainBenchmark}): what consuming a {@code ContactMissed} reminder costs
 * at least, with no framework — a raw {@link KafkaConsumer} applying each poll in one JDBC transaction with the
 * service's own statements: the polled ids into an inbox (the {@code processed_event} statement, into a copy of that
 * table), the members' look-up in {@code member_recipient}, one notification row per first delivery (the
 * {@code notification} statement, into a copy of that table with its keys and indexes), then the commit. Each record's
 * moment is that commit. No CloudEvent checks, routing, tracing, Hibernate or JTA: only the round trips and rows the
 * service cannot do without.
 */
final class ChainWriteFloor {

    private static final String INBOX = "chain_floor_processed_event";
    private static final String NOTIFICATIONS = "chain_floor_notification";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<UUID, Integer> index;
    private final long[] committed;
    private final BooleanSupplier stop;
    private final DataSource dataSource;

    /**
     * @param index     the run's records by event id
     * @param committed where the nanoTime of each record's commit is written (by this floor's thread only)
     * @param stop      true once the run gives up waiting
     */
    ChainWriteFloor(Map<UUID, Integer> index, long[] committed, BooleanSupplier stop, DataSource dataSource) {
        this.index = index;
        this.committed = committed;
        this.stop = stop;
        this.dataSource = dataSource;
    }

    /** The two copies, empty, made by the schema's owner for the service's role (which the floor connects as). */
    static void makeTables() throws SQLException {
        String schema = ConfigProvider.getConfig().getValue("lianxin.schema", String.class);
        String role = ConfigProvider.getConfig().getValue("quarkus.datasource.username", String.class);
        try (Connection c = LianxinTestResource.adminConnection(); Statement s = c.createStatement()) {
            s.execute("SET search_path TO " + schema);
            s.execute("DROP TABLE IF EXISTS " + INBOX + ", " + NOTIFICATIONS);
            s.execute("CREATE TABLE " + INBOX + " (LIKE processed_event INCLUDING ALL)");
            s.execute("CREATE TABLE " + NOTIFICATIONS + " (LIKE notification INCLUDING ALL)");
            s.execute("GRANT SELECT, INSERT ON " + INBOX + ", " + NOTIFICATIONS + " TO " + role);
        }
    }

    /** Applies every polled record until each of the run's records is committed (or the run stops). */
    void apply(KafkaConsumer<String, String> consumer) {
        try (consumer; Connection c = dataSource.getConnection();
                PreparedStatement inbox = c.prepareStatement("INSERT INTO " + INBOX + " (event_id, type, processed_at)"
                        + " SELECT CAST(e ->> 'id' AS uuid), e ->> 'type', ? FROM jsonb_array_elements(CAST(? AS jsonb)) AS e"
                        + " ON CONFLICT (event_id) DO NOTHING RETURNING event_id");
                PreparedStatement lookUp = c.prepareStatement("SELECT member_id, org_id, org_path, name, phone, wechat,"
                        + " email, preferred_channel, CAST(liaison AS text) AS liaison FROM member_recipient"
                        + " WHERE member_id = ANY (?)");
                PreparedStatement notify = c.prepareStatement("INSERT INTO " + NOTIFICATIONS + " (id, source_event_id,"
                        + " source_event_type, template_key, member_id, case_id, org_id, org_path, recipient_key,"
                        + " recipient_role, recipient_org_id, recipient_member_id, recipient_name, channel, address,"
                        + " recipient_addresses, next_channels, fallback, model, status, attempts, next_attempt_at,"
                        + " created_at, digest_due_at, traceparent)"
                        + " SELECT id, source_event_id, source_event_type, template_key, member_id, case_id, org_id,"
                        + " org_path, recipient_key, recipient_role, recipient_org_id, recipient_member_id, recipient_name,"
                        + " channel, address, recipient_addresses, next_channels, false, model, status, 0, next_attempt_at,"
                        + " created_at, digest_due_at, traceparent"
                        + " FROM jsonb_populate_recordset(NULL::" + NOTIFICATIONS + ", CAST(? AS jsonb))"
                        + " ON CONFLICT DO NOTHING")) {
            c.setAutoCommit(false);
            int applied = 0;
            while (applied < committed.length && !stop.getAsBoolean()) {
                ConsumerRecords<String, String> polled = consumer.poll(Duration.ofMillis(50));
                if (polled.isEmpty()) {
                    continue;
                }
                Map<UUID, JsonNode> payloads = new LinkedHashMap<>();
                for (ConsumerRecord<String, String> record : polled) {
                    payloads.put(UUID.fromString(header(record, CloudEventHeaders.ID)), JSON.readTree(record.value()));
                }
                Set<UUID> first = firstDeliveries(inbox, polled);
                Map<UUID, String> pathOfMember = pathsOf(lookUp, c, payloads.values());
                ArrayNode rows = JSON.createArrayNode();
                payloads.forEach((id, payload) -> {
                    if (first.contains(id)) {
                        rows.add(row(id, payload, pathOfMember));
                    }
                });
                notify.setString(1, rows.toString());
                notify.executeUpdate();
                c.commit();
                long now = System.nanoTime();
                for (UUID id : payloads.keySet()) {
                    Integer i = index.get(id);
                    if (i != null && committed[i] == 0) {
                        committed[i] = now;
                        applied++;
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("the chain's write floor failed", e);
        }
    }

    private static Set<UUID> firstDeliveries(PreparedStatement inbox, ConsumerRecords<String, String> polled)
            throws SQLException {
        ArrayNode ids = JSON.createArrayNode();
        for (ConsumerRecord<String, String> record : polled) {
            ids.addObject().put("id", header(record, CloudEventHeaders.ID)).put("type", header(record, CloudEventHeaders.TYPE));
        }
        inbox.setTimestamp(1, Timestamp.from(Instant.now()));
        inbox.setString(2, ids.toString());
        Set<UUID> first = new HashSet<>();
        try (ResultSet r = inbox.executeQuery()) {
            while (r.next()) {
                first.add(r.getObject(1, UUID.class));
            }
        }
        return first;
    }

    /** The org path of each member the poll's records are about, as the service's preload reads it. */
    private static Map<UUID, String> pathsOf(PreparedStatement lookUp, Connection c, Collection<JsonNode> payloads)
            throws SQLException {
        Set<UUID> members = new HashSet<>();
        for (JsonNode payload : payloads) {
            members.add(UUID.fromString(payload.path("memberId").asText()));
        }
        lookUp.setArray(1, c.createArrayOf("uuid", members.toArray()));
        Map<UUID, String> paths = new HashMap<>();
        try (ResultSet r = lookUp.executeQuery()) {
            while (r.next()) {
                paths.put(r.getObject(1, UUID.class), r.getString(3));
            }
        }
        return paths;
    }

    /** The notification the service schedules for a reminder: to the liaison of the event, held for the digest. */
    private static ObjectNode row(UUID eventId, JsonNode payload, Map<UUID, String> pathOfMember) {
        Instant now = Instant.now();
        JsonNode liaison = payload.path("liaison");
        UUID member = UUID.fromString(payload.path("memberId").asText());
        ObjectNode row = JSON.createObjectNode()
                .put("id", UUID.randomUUID().toString())
                .put("source_event_id", eventId.toString())
                .put("source_event_type", NotificationChainBenchmark.CONTACT_MISSED)
                .put("template_key", "contact-missed.reminder")
                .put("member_id", member.toString())
                .put("org_id", payload.path("orgId").asText())
                .put("org_path", pathOfMember.get(member))
                .put("recipient_key", "LIAISON:" + liaison.path("phone").asText())
                .put("recipient_role", "LIAISON")
                .put("recipient_name", liaison.path("name").asText())
                .put("channel", "WECHAT")
                .put("address", liaison.path("wechat").asText())
                .put("next_channels", "SMS")
                .put("status", "HELD")
                .put("created_at", now.toString())
                .put("digest_due_at", now.plus(1, ChronoUnit.HOURS).toString());
        row.putObject("recipient_addresses").put("WECHAT", liaison.path("wechat").asText())
                .put("SMS", liaison.path("phone").asText());
        row.set("model", payload);
        return row;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), UTF_8);
    }
}
