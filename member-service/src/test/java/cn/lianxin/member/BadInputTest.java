package cn.lianxin.member;

import java.util.UUID;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import cn.lianxin.platform.security.Roles;
import cn.lianxin.testing.BadInputContract;
import cn.lianxin.testing.LianxinTestResource;
import cn.lianxin.testing.RoleScopeContract.World;
import cn.lianxin.testing.Tokens;

/**
 * The bad-input corpus over every operation of member-service, aimed at existing orgs, members, outflows, transfers.
 * Requests that change a member for good (a death, an outflow, a transfer) go to members of their own, so that the
 * others keep answering for their own faults.
 */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class BadInputTest extends BadInputContract {

    /** Replaced by a fresh valid ID number in every request: a number registers once. */
    private static final String FRESH_ID_NUMBER = "FRESH-ID-NUMBER";

    private static final RoleScopeRequests Q = new RoleScopeRequests();
    private static final Fixtures FIXTURES = new Fixtures();
    private static World world;
    private static String outflow;
    private static UUID dying;
    private static UUID leaving;
    private static UUID transferred;

    @Override
    protected String schema() {
        return "member";
    }

    private World world() {
        if (world == null) {
            world = Q.createWorld();
            outflow = Q.outflowOf(world.ownMember());
            dying = FIXTURES.member(world.branch(), "范坏死");
            leaving = FIXTURES.member(world.branch(), "范坏流");
            transferred = FIXTURES.member(world.branch(), "范坏转");
        }
        return world;
    }

    @Override
    protected String validValue(String method, String path, String name) {
        World w = world();
        return switch (name) {
            case "id" -> path.startsWith("/api/v1/orgs/") ? w.branch().toString()
                    : path.startsWith("/api/v1/transfers/") ? Q.transfer().toString()
                    : path.endsWith("/standing-changes") ? dying.toString() : w.ownMember().toString();
            case "orgId" -> w.branch().toString();
            case "memberId" -> path.equals("/api/v1/members/{memberId}/outflows") && method.equals("POST")
                    ? leaving.toString() : w.ownMember().toString();
            case "outflowId" -> outflow;
            case "filingId" -> Q.filing();
            case "parentId" -> w.committee().toString();
            case "toOrgId" -> Q.otherBranch().toString();
            case "liaisonMemberId" -> w.liaisonMember().toString();
            case "idNumber" -> FRESH_ID_NUMBER;
            default -> null;
        };
    }

    /** Bodies that the schema alone cannot make valid: a QQ number, dates in order, one of two alternatives. */
    @Override
    protected String validBody(String method, String path) {
        World w = world();
        return switch (method + " " + path) {
            case "POST /api/v1/members" -> """
                    {"name": "范坏入", "idNumber": "%s", "gender": "MALE", "ethnicity": "汉族", "birthDate": "1985-06-15",
                     "education": "本科", "occupation": "工程师", "phone": "13712345678", "wechat": "wx_bad", "qq": "12345678",
                     "email": "fan@example.cn", "householdAddress": "北京市东城区", "residenceAddress": "北京市西城区",
                     "workUnit": "某公司", "orgId": "%s", "category": "FULL", "joinedAt": "2010-07-01",
                     "regularizedAt": "2011-07-01", "introducers": "张三、李四",
                     "emergencyContact": {"name": "王芳", "relation": "配偶", "phone": "13698765432"},
                     "preferredChannel": "SMS", "focusTags": ["HARDSHIP", "ABROAD"]}""".formatted(FRESH_ID_NUMBER, w.branch());
            case "PATCH /api/v1/members/{id}" -> """
                    {"name": "范本人", "gender": "MALE", "ethnicity": "汉族", "education": "本科", "occupation": "工程师",
                     "phone": "13712345678", "wechat": "wx_own", "qq": "12345678", "email": "fan@example.cn",
                     "householdAddress": "北京市东城区", "residenceAddress": "北京市西城区", "workUnit": "某公司",
                     "category": "FULL", "joinedAt": "2010-07-01", "regularizedAt": "2011-07-01", "introducers": "张三、李四",
                     "emergencyContact": {"name": "王芳", "relation": "配偶", "phone": "13698765432"},
                     "preferredChannel": "SMS", "focusTags": ["GRADUATE"]}""";
            case "PUT /api/v1/members/{id}/liaison" -> """
                    {"liaison": {"name": "张干部", "phone": "13800138000", "wechat": "zhang_gb", "email": "zhang@example.cn"}}""";
            case "PUT /api/v1/members/{id}/id-number" -> """
                    {"idNumber": "%s", "reason": "登记时录错"}""".formatted(FRESH_ID_NUMBER);
            case "POST /api/v1/members/{id}/reviews" -> """
                    {"year": 2025, "verifiedAt": "2025-06-01", "note": "年审通过"}""";
            case "POST /api/v1/members/{id}/standing-changes" -> StandingChangeTest.DEATH;
            case "POST /api/v1/orgs/{id}/roster-filings" -> "{\"year\": 2024}";
            case "POST /api/v1/roster-filings/{filingId}/acknowledgement" -> "{\"remarks\": \"已备案留存\"}";
            case "POST /api/v1/roster-filings/{filingId}/return" -> "{\"remarks\": \"请补充流动党员去向\"}";
            case "POST /api/v1/members/{memberId}/outflows" -> OutflowTest.COMPLETE;
            case "POST /api/v1/transfers" -> """
                    {"memberId": "%s", "toExternalOrg": {"name": "外省某党委", "region": "广东省深圳市"},
                     "crossProvince": true, "issuedAt": "2026-09-01"}""".formatted(transferred);
            default -> null;
        };
    }

    @Override
    protected String freshen(String method, String path, String body) {
        return body.contains(FRESH_ID_NUMBER) ? body.replace(FRESH_ID_NUMBER, TestIds.fresh()) : body;
    }

    /** Revealing ID numbers and reading the audit are the ORG_ADMIN's (domain.md §6); the rest ADMIN may call. */
    @Override
    protected String token(String method, String path) {
        if (path.endsWith("/id-number/reveal") || path.startsWith("/api/v1/audit")) {
            return Tokens.forTests().forRole(Roles.ORG_ADMIN, world().committee());
        }
        return super.token(method, path);
    }
}
