package cn.lianxin.cases;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.lianxin.cases.support.CaseFixture;
import cn.lianxin.cases.support.LookupFixture;
import cn.lianxin.platform.time.ShanghaiCalendar;
import cn.lianxin.testing.BadInputContract;
import cn.lianxin.testing.LianxinTestResource;

/** The bad-input corpus over every operation of case-service, aimed at an open case (a found one for decisions). */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class BadInputTest extends BadInputContract {

    private static final CaseFixture FX = new CaseFixture();
    private static CaseFixture.Tree tree;
    private static UUID openCase;
    private static UUID member;

    @Override
    protected String schema() {
        return "cases";
    }

    private static UUID foundCase;
    private static UUID pendingLookup;

    private void world() {
        if (tree == null) {
            tree = FX.tree();
            openCase = FX.openCase(tree, null);
            foundCase = FX.foundCase(tree, null);
            member = FX.knownMember(tree, null);
            pendingLookup = UUID.fromString(new LookupFixture(FX).request(openCase, tree).getString("id"));
        }
    }

    @Override
    protected String validValue(String method, String path, String name) {
        world();
        return switch (name) {
            case "id" -> path.endsWith("/decisions") ? foundCase.toString() : openCase.toString();
            case "memberId" -> member.toString();
            case "orgId" -> tree.branch().toString();
            case "month" -> "2026-01";
            case "lookupId" -> pendingLookup.toString();
            default -> null;
        };
    }

    /** A lookup is decided by an organization above the branch: the committee's administrator. */
    @Override
    protected String token(String method, String path) {
        world();
        return path.endsWith("/approval") || path.endsWith("/refusal")
                ? FX.tokens.forRole(cn.lianxin.platform.security.Roles.ORG_ADMIN, tree.committee())
                : super.token(method, path);
    }

    /** 纳入管理 of the found case with a full procedure, so that every field of a decision is there to be faulted. */
    @Override
    protected String validBody(String method, String path) {
        if (!path.endsWith("/decisions")) {
            return null;
        }
        Map<String, Object> decision = new HashMap<>(Map.of("type", "REINTEGRATED",
                "procedure", CaseFixture.procedure(ShanghaiCalendar.dateOf(Instant.now())), "note", "纳入管理"));
        try {
            return new ObjectMapper().writeValueAsString(decision);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
