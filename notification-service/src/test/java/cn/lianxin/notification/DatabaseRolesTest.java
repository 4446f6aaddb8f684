package cn.lianxin.notification;

import java.util.List;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import cn.lianxin.testing.DatabaseRolesContract;
import cn.lianxin.testing.LianxinTestResource;

/**
 * notification-service runs as {@code lianxin_notification}: it reads and writes its own tables (no audit table here: every one of
 * them must stay fully writable) and has nothing on the other services' schemas.
 */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class DatabaseRolesTest extends DatabaseRolesContract {

    @Override
    protected String schema() {
        return "notification";
    }

    @Override
    protected List<String> auditTables() {
        return List.of();
    }

    @Override
    protected void recordAuditRows() {
        // No audit table to fill.
    }
}
