package cn.lianxin.local.demo;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The policy features on the demo city, each left where a visitor can see it at work: a 专项排查 campaign in progress
 * over one district, one branch's 花名册 filed and awaiting the committee, another's returned with remarks, and a
 * lookup (协查) of a lost member asked of 公安, approved by the city committee and answered by the stand-in department
 * of the local stack; and the handshake of an outflow and a transfer (报到, 回执): a member flowed out to another branch
 * of the city that has not confirmed the report-in past its due day (both branches reminded), and a transfer letter
 * whose receipt the receiving branch confirmed; and a line of each kind in the reconciliation report (口袋党员, 空挂).
 */
final class DemoPolicies {

    private final DemoApi admin;
    /** An ORG_ADMIN (组织员) of the city committee: approves lookups and decides filings, as its superior committee. */
    private final DemoApi cityOrganizer;
    private final DemoCity.Urls urls;
    private final LocalDate today;

    /** What the visitor can open. */
    record Shown(UUID campaign, UUID filedRoster, UUID returnedRoster, UUID lookupCase) {
    }

    DemoPolicies(DemoApi admin, DemoApi cityOrganizer, DemoCity.Urls urls, LocalDate today) {
        this.admin = admin;
        this.cityOrganizer = cityOrganizer;
        this.urls = urls;
        this.today = today;
    }

    /**
     * @param district a district committee, the campaign's scope
     * @param branches two branches whose rosters are filed
     * @param openCase the case of a member still lost, under the city committee
     */
    Shown show(UUID district, List<UUID> branches, UUID openCase) {
        UUID campaign = id(admin.post(urls.tracking() + "/api/v1/campaigns",
                Map.of("orgId", district, "name", today.getYear() + "年第" + ((today.getMonthValue() - 1) / 3 + 1) + "季度失联党员专项排查")));
        UUID filed = fileRoster(branches.get(0));
        UUID returned = fileRoster(branches.get(1));
        cityOrganizer.post(urls.member() + "/api/v1/roster-filings/" + returned + "/return",
                Map.of("remarks", "花名册缺少流动党员的流入地联系方式，请补充后重新报备"));
        lookup(openCase);
        return new Shown(campaign, filed, returned, openCase);
    }

    /** The two handshakes the visitor sees in {@code GET /api/v1/orgs/{id}/handshakes}. */
    record Handshakes(UUID overdueOutflow, UUID confirmedTransfer) {
    }

    /**
     * A member at home flows out to {@code receiving} five weeks ago and nobody confirms the report-in: it was due five
     * days ago, the member scan reminds both branches (OVERDUE, not yet escalated). Another member's transfer letter to
     * {@code receiving}, issued three weeks ago, is confirmed by the receiving branch (CONFIRMED).
     */
    Handshakes handshakes(UUID flowing, UUID transferring, UUID receiving) {
        JsonNode org = admin.get(urls.member() + "/api/v1/orgs/" + receiving);
        Map<String, Object> outflow = new LinkedHashMap<>();
        outflow.put("nature", "TEMPORARY");
        outflow.put("leftAt", today.minusMonths(1).minusDays(5));
        outflow.put("phone", "13900" + String.format("%06d", Math.abs(flowing.hashCode()) % 1_000_000));
        outflow.put("wechat", "wx_handshake_demo");
        outflow.put("destination", Map.of("place", "X市（市内流动）"));
        outflow.put("receivingOrg", Map.of("orgId", receiving, "name", org.path("name").asText(),
                "contactName", org.path("secretary").path("name").asText(),
                "contactPhone", org.path("secretary").path("phone").asText()));
        outflow.put("backupContact", Map.of("name", "王家属", "relation", "配偶", "phone", "13700137000"));
        outflow.put("reason", "到市内另一社区务工居住");
        UUID outflowId = id(admin.post(urls.member() + "/api/v1/members/" + flowing + "/outflows", outflow));
        UUID transfer = id(admin.post(urls.member() + "/api/v1/transfers", Map.of("memberId", transferring,
                "toOrgId", receiving, "crossProvince", false, "issuedAt", today.minusDays(21))));
        admin.post(urls.member() + "/api/v1/transfers/" + transfer + "/receipt", Map.of());
        admin.post(urls.member() + "/api/v1/scans", Map.of("asOf", OffsetDateTime.now()));
        return new Handshakes(outflowId, transfer);
    }

    /**
     * ID reconciliation (口袋党员, 空挂, {@code GET /api/v1/orgs/{city}/reconciliation}) has a line of each kind: a
     * person registered in {@code branch} is presented again by {@code otherBranch} (a duplicate hit, 409); a transfer
     * letter from {@code branch} issued four months ago whose receipt never came back (past its three months); a member
     * of {@code branch}, newly entered from the paper register, last reached 400 days ago and without a case (空挂).
     * The outflow of {@link #handshakes} is its report-in never confirmed.
     *
     * @param registration a new member's registration in {@code branch}
     * @param adrift another new member's registration in {@code branch}
     * @param transferring a member of {@code branch} at home
     */
    void reconciliation(Map<String, Object> registration, Map<String, Object> adrift, UUID otherBranch,
            UUID transferring) {
        admin.post(urls.member() + "/api/v1/members", registration);
        Map<String, Object> again = new LinkedHashMap<>(registration);
        again.put("orgId", otherBranch);
        Throwable refused = admin.postAsync(urls.member() + "/api/v1/members", again).handle((ok, failure) -> failure).join();
        if (refused == null || !String.valueOf(refused.getMessage()).contains("409")) {
            throw new IllegalStateException("a second registration of the same ID number was not refused: " + refused);
        }
        admin.post(urls.member() + "/api/v1/transfers", Map.of("memberId", transferring, "toOrgId", otherBranch,
                "crossProvince", false, "issuedAt", today.minusMonths(4)));
        UUID quiet = id(admin.post(urls.member() + "/api/v1/members", adrift));
        Awaitility.await("tracking-service to know member " + quiet).atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> admin.get(urls.tracking() + "/api/v1/members/" + quiet + "/contact-status").has("memberId"));
        admin.post(urls.tracking() + "/api/v1/contacts", Map.of("memberId", quiet, "channel", "VISIT", "outcome", "REACHED",
                "at", OffsetDateTime.now().minusDays(400).withHour(10).withMinute(0).withSecond(0).withNano(0),
                "note", "纸质台账补录：上次走访"));
    }

    private UUID fileRoster(UUID branch) {
        return id(admin.post(urls.member() + "/api/v1/orgs/" + branch + "/roster-filings", Map.of("year", today.getYear())));
    }

    /** Asked by the administrator for the branch, approved by the city committee, answered a few seconds later. */
    private void lookup(UUID caseId) {
        String lookups = urls.cases() + "/api/v1/cases/" + caseId + "/lookups";
        UUID lookup = id(admin.post(lookups, Map.of("department", "PUBLIC_SECURITY",
                "legalBasis", Map.of("code", "EDUCATION_MANAGEMENT_REGULATION", "citation", "《中国共产党党员教育管理工作条例》第三十二条"),
                "asked", List.of("CURRENT_ADDRESS"), "note", "多次走访未果，请协查现居住地")));
        cityOrganizer.post(lookups + "/" + lookup + "/approval", Map.of("note", "同意协查"));
        Awaitility.await("the stand-in department to answer lookup " + lookup).atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> "ANSWERED".equals(admin.get(lookups + "/" + lookup).path("state").asText()));
    }

    private static UUID id(JsonNode created) {
        return UUID.fromString(created.get("id").asText());
    }
}
