package cn.lianxin.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import cn.lianxin.notification.support.NotificationTestSupport;
import cn.lianxin.notification.support.Payloads;
import cn.lianxin.notification.support.PeersTestResource;
import cn.lianxin.platform.security.Roles;
import cn.lianxin.testing.LianxinTestResource;
import cn.lianxin.testing.TestClock;

/**
 * Digests (docs/domain.md §5, issue 11): a scan that finds a whole branch due must not send its secretary one message per
 * member. Counted where it matters: what the SMS gateway received.
 */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
@WithTestResource(PeersTestResource.class)
class DigestTest extends NotificationTestSupport {

    private static final String CONTACT_MISSED = "lianxin.contact.ContactMissed.v1";

    @Test
    void aScanBurstOf200EscalatedMissesReachesTheBranchSecretaryAsOneMessageListingEveryMember() {
        Tree tree = tree();
        List<UUID> members = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            UUID member = UUID.randomUUID();
            publish(MEMBER_REGISTERED, member, Payloads.memberRegistered(member, tree.branch(), tree.branchPath(),
                    "党员" + String.format("%03d", i), mobile(), null, null, null));
            members.add(member);
        }
        awaitCount("SELECT count(*) FROM member_recipient WHERE org_id = '" + tree.branch() + "' AND name <> ''", 200);
        List<UUID> events = members.stream().map(member -> publish(CONTACT_MISSED, member,
                Payloads.contactMissed(member, tree.branch(), "ESCALATED", null))).toList();
        String secretaryKey = "SECRETARY:" + tree.branch();
        awaitCount("SELECT count(*) FROM notification WHERE recipient_key = '" + secretaryKey + "' AND status = 'HELD'", 200);
        assertThat(gateways().to(tree.branchSecretary().phone())).as("nothing before the window closes").isEmpty();

        closeDigestWindow();

        awaitCount("SELECT count(*) FROM notification WHERE recipient_key = '" + secretaryKey
                + "' AND status = 'DIGESTED' AND digest_id IS NOT NULL", 200);
        UUID digest = digestOf(events.get(0));
        assertThat(events).allSatisfy(event -> assertThat(digestOf(event)).isEqualTo(digest));
        JsonNode delivered = awaitOutcome(DELIVERED, digest); // schema-checked by KafkaEvents
        assertThat(delivered.get("templateKey").asText()).isEqualTo("digest");
        assertThat(delivered.get("sourceEventType").asText()).isEqualTo(CONTACT_MISSED);
        assertThat(delivered.get("recipient").get("orgId").asText()).isEqualTo(tree.branch().toString());
        assertThat(delivered.has("memberId")).isFalse();

        List<String> received = gateways().to(tree.branchSecretary().phone()).stream()
                .map(r -> r.body().get("content").asText()).toList();
        assertThat(received).as("one message instead of 200").hasSize(1);
        assertThat(mailsTo(tree.branchSecretary().email())).isEmpty();
        assertThat(received.get(0)).contains("张书记同志", "联系逾期共200项", "1. 党员000：", "200. 党员199：",
                "宽限期至2027-02-22仍未联系上，已逾期14天", "orgId=" + tree.branch());
        System.out.printf("digest burst: 200 ContactMissed(ESCALATED) for one branch -> %d message(s) to its secretary"
                + " (before digests: 200)%n", received.size());

        String secretary = tokens.forRole(Roles.SECRETARY, tree.branch());
        given().auth().oauth2(secretary).queryParam("memberId", members.get(7)).get("/api/v1/notifications").then()
                .statusCode(200).body("total", equalTo(1))
                .body("items[0].status", equalTo("DIGESTED"))
                .body("items[0].digestId", equalTo(digest.toString()))
                .body("items[0].digestStatus", equalTo("DELIVERED"));
        given().auth().oauth2(secretary).get("/api/v1/notifications/{id}", digest).then()
                .statusCode(200).body("templateKey", equalTo("digest")).body("status", equalTo("DELIVERED"))
                .body("digestStatus", equalTo("DELIVERED")).body("deliveryAttempts", hasSize(1));
        given().auth().oauth2(secretary).queryParam("status", "DIGESTED").queryParam("size", 1)
                .get("/api/v1/notifications").then().statusCode(200).body("total", equalTo(200));
    }

    /**
     * Issue 12: two replicas flushing at once could each take one row of the same group and then wait for each other's
     * (a deadlock). One bundles at a time: while another replica holds the digest lock, a flush here waits for it, then
     * closes every window due as of its own instant — the other may have been flushing as of an earlier one.
     */
    @Test
    void whileAnotherReplicaIsBundlingAFlushHereWaitsItsTurnThenClosesWhatIsDueAsOfItsOwnInstant() throws Exception {
        Tree tree = tree();
        List<UUID> members = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            UUID member = UUID.randomUUID();
            publish(MEMBER_REGISTERED, member, Payloads.memberRegistered(member, tree.branch(), tree.branchPath(),
                    "并发" + i, mobile(), null, null, null));
            members.add(member);
        }
        awaitCount("SELECT count(*) FROM member_recipient WHERE org_id = '" + tree.branch() + "' AND name <> ''", 3);
        members.forEach(member -> publish(CONTACT_MISSED, member, Payloads.contactMissed(member, tree.branch(), "ESCALATED", null)));
        String held = "SELECT count(*) FROM notification WHERE recipient_key = 'SECRETARY:" + tree.branch() + "' AND status = ";
        awaitCount(held + "'HELD'", 3);

        ExecutorService threads = Executors.newFixedThreadPool(2);
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try {
            Future<?> otherReplica = threads.submit(() -> QuarkusTransaction.requiringNew().run(() -> {
                em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.digest_flush'))")
                        .getSingleResult();
                locked.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            assertThat(locked.await(30, TimeUnit.SECONDS)).as("the other replica holds the digest lock").isTrue();
            clock.pin(TestClock.shanghai("2027-03-02T09:00"));

            Future<Integer> flushHere = threads.submit(() -> digests.flush(clock.instant()));
            await("the flush here waits for the digest lock").atMost(Duration.ofSeconds(30)).until(() -> count(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
                            + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())") >= 1);
            assertThat(flushHere).as("the flush here, while the lock is held").isNotDone();
            assertThat(count(held + "'HELD'")).as("held while the other replica bundles").isEqualTo(3);

            release.countDown();
            otherReplica.get(30, TimeUnit.SECONDS);
            assertThat(flushHere.get(30, TimeUnit.SECONDS)).as("groups bundled here once the lock was free").isPositive();
            assertThat(count(held + "'DIGESTED'")).isEqualTo(3);
        } finally {
            release.countDown();
            threads.shutdownNow();
        }
    }

    @Test
    void urgentKindsGoOutAtOnceOneMessageEach() {
        Tree tree = tree();
        List<UUID> events = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            UUID member = member(tree, "流动党员" + i, mobile(), null, null);
            events.add(publish("lianxin.contact.MemberUncontrolled.v1", member, Payloads.memberUncontrolled(member, tree.branch())));
        }
        UUID member = member(tree, "吴党员", mobile(), null, null);
        UUID escalated = publish("lianxin.case.CaseEscalated.v1", member,
                Payloads.caseEscalated(UUID.randomUUID(), member, tree.branch(), tree.root()));

        events.forEach(event -> awaitNotifications(event, 1, r -> r.status().equals("DELIVERED")));
        awaitNotifications(escalated, 1, r -> r.status().equals("DELIVERED"));
        assertThat(awaitGateway(tree.branchSecretary().phone(), 3)).hasSize(3)
                .allSatisfy(sms -> assertThat(sms.body().get("content").asText()).contains("失控名单"));
        assertThat(awaitGateway(tree.rootSecretary().phone(), 1)).hasSize(1); // and no digest window was closed
    }

    @Test
    void aDayOfNonUrgentKindsGivesEachRecipientOneMessagePerKind() {
        Tree tree = tree();
        Payloads.Contact liaison = new Payloads.Contact("王联络", mobile(), null, null);
        List<UUID> events = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            UUID member = member(tree, "党员" + i, mobile(), null, null);
            events.add(publish(CONTACT_MISSED, member, Payloads.contactMissed(member, tree.branch(), "REMINDER", liaison)));
            events.add(publish("lianxin.case.CaseOpened.v1", member, Payloads.caseOpened(UUID.randomUUID(), member, tree.branch())));
        }
        events.forEach(event -> awaitNotifications(event, 1, r -> r.status().equals("HELD")));

        closeDigestWindow();

        List<String> toSecretary = awaitGateway(tree.branchSecretary().phone(), 1).stream()
                .map(r -> r.body().get("content").asText()).toList();
        List<String> toLiaison = awaitGateway(liaison.phone(), 1).stream().map(r -> r.body().get("content").asText()).toList();
        // (a digest row names the source event of its first line, so look at the lines only)
        await().atMost(Duration.ofSeconds(20)).until(() -> events.stream().allMatch(event -> notifications(event).stream()
                .filter(r -> !r.templateKey().equals("digest")).allMatch(r -> r.status().equals("DIGESTED"))));
        assertThat(toSecretary).singleElement().asString().contains("失联建档共3项", "党员0", "党员2");
        assertThat(toLiaison).singleElement().asString().contains("王联络同志", "联系提醒共3项", "党员1");
    }

    /**
     * The demo city's load: one scan finding 20,000 members of 120 branches due. Before digests every event was a
     * message of its own; with them each branch secretary gets one. Held rows are written directly (the consumer path
     * is proven above) so that the figure is the flush's own.
     */
    @Test
    void aCityScanOf20000MissesIn120BranchesSends120Messages() {
        int branches = 120;
        int misses = 20_000;
        String run = UUID.randomUUID().toString().substring(0, 8);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                INSERT INTO notification (id, source_event_id, source_event_type, template_key, member_id, org_id, org_path,
                    recipient_key, recipient_role, recipient_org_id, recipient_name, channel, address, recipient_addresses,
                    model, status, created_at, digest_due_at)
                SELECT gen_random_uuid(), gen_random_uuid(), 'lianxin.contact.ContactMissed.v1', 'contact-missed.escalated',
                    gen_random_uuid(), b.org, '/' || b.org || '/', 'SECRETARY:' || b.org, 'SECRETARY', b.org, '书记' || b.n,
                    'SMS', b.phone, jsonb_build_object('SMS', b.phone),
                    jsonb_build_object('recipientName', '书记' || b.n, 'digestLine',
                        jsonb_build_object('name', '党员' || m.i, 'reason', '每季度联系宽限期已过', 'daysOverdue', 10)),
                    'HELD', :now, :due
                FROM generate_series(0, :misses - 1) AS m(i)
                JOIN (SELECT n, md5(:run || n)::uuid AS org, '1880' || lpad(n::text, 4, '0') || '000' AS phone
                      FROM generate_series(0, :branches - 1) AS n) b ON b.n = m.i % :branches
                """)
                .setParameter("now", clock.instant()).setParameter("due", TestClock.shanghai("2027-03-02T09:00"))
                .setParameter("misses", misses).setParameter("branches", branches).setParameter("run", run)
                .executeUpdate());
        String ours = "SELECT count(*) FROM notification WHERE recipient_key LIKE 'SECRETARY:%' AND org_id IN "
                + "(SELECT md5(:run || n)::uuid FROM generate_series(0, 119) AS n)";

        closeDigestWindow();

        long digested = count(ours + " AND status = 'DIGESTED'", run);
        long messages = count(ours + " AND template_key = 'digest'", run);
        assertThat(digested).isEqualTo(misses);
        assertThat(messages).isEqualTo(branches);
        await().atMost(Duration.ofSeconds(60)).until(() -> count(ours + " AND template_key = 'digest' AND status = 'DELIVERED'", run) == branches);
        System.out.printf("digest city load: %d ContactMissed in %d branches -> %d messages before digests, %d after%n",
                misses, branches, misses, messages);
    }

    private UUID digestOf(UUID event) {
        return QuarkusTransaction.requiringNew().call(() -> (UUID) em.createNativeQuery(
                "SELECT digest_id FROM notification WHERE source_event_id = :event AND template_key <> 'digest'")
                .setParameter("event", event).getSingleResult());
    }

    private long count(String sql, String run) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(sql).setParameter("run", run)
                .getSingleResult()).longValue());
    }

    private long count(String countSql) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(countSql).getSingleResult()).longValue());
    }

    private void awaitCount(String countSql, long expected) {
        await().atMost(Duration.ofSeconds(60)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> ((Number) em.createNativeQuery(countSql).getSingleResult()).longValue() == expected));
    }
}
