package cn.lianxin.cases;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import cn.lianxin.cases.support.CaseFixture;
import cn.lianxin.cases.support.LookupFixture;
import cn.lianxin.testing.DatabaseRolesContract;
import cn.lianxin.testing.LianxinTestResource;

/**
 * case-service runs as {@code lianxin_case}: a case's timeline, its decisions and its search attempts are the record
 * behind a member's standing, insert-only, as is every answer the departments gave to a lookup; and it has nothing on
 * the other services' schemas.
 */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class DatabaseRolesTest extends DatabaseRolesContract {

    private final CaseFixture fx = new CaseFixture();

    @Override
    protected String schema() {
        return "cases";
    }

    @Override
    protected List<String> auditTables() {
        return List.of("case_timeline", "decision", "search_attempt", "lookup_answer_received");
    }

    @Override
    protected void recordAuditRows() throws Exception {
        // Opened (timeline), searched for and found (attempt), then 纳入管理 (decision).
        fx.followUpCase(fx.tree(), null);
        // A department's answer, recorded even when it answers nothing case-service asked (an unknown request).
        UUID request = UUID.randomUUID();
        new LookupFixture(fx).answer(UUID.randomUUID(), request, UUID.randomUUID(), UUID.randomUUID(), "TELECOM", false,
                Instant.now());
        await().atMost(Duration.ofSeconds(30)).until(() -> LookupFixture.answerOutcomes(request).equals(
                List.of("UNKNOWN_REQUEST")));
    }
}
