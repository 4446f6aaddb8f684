package cn.lianxin.cases;

import java.util.List;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import cn.lianxin.cases.support.CaseFixture;
import cn.lianxin.testing.DatabaseRolesContract;
import cn.lianxin.testing.LianxinTestResource;

/**
 * case-service runs as {@code lianxin_case}: a case's timeline, its decisions and its search attempts are the record
 * behind a member's standing, insert-only; and it has nothing on the other services' schemas.
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
        return List.of("case_timeline", "decision", "search_attempt");
    }

    @Override
    protected void recordAuditRows() {
        // Opened (timeline), searched for and found (attempt), then 纳入管理 (decision).
        fx.followUpCase(fx.tree(), null);
    }
}
