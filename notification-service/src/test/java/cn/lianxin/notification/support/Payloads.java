package cn.lianxin.notification.support;

import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/** Schema-valid payloads of the events notification-service consumes (see contracts/…/schemas). */
public final class Payloads {

    private Payloads() {
    }

    public record Contact(String name, String phone, String wechat, String email) {
        String json() {
            return "{\"name\": \"%s\", \"phone\": \"%s\"%s%s}".formatted(name, phone,
                    wechat == null ? "" : ", \"wechat\": \"" + wechat + "\"",
                    email == null ? "" : ", \"email\": \"" + email + "\"");
        }
    }

    public static String orgCreated(UUID org, List<UUID> path, String type, String name, Contact secretary,
            Contact organizer, String wechatGroupUrl, String webAddress) {
        UUID parent = path.size() > 1 ? path.get(path.size() - 2) : null;
        return """
                {"orgId": "%s", "name": "%s", "type": "%s", "parentId": %s, "path": %s, "secretary": %s%s%s%s}
                """.formatted(org, name, type, parent == null ? "null" : "\"" + parent + "\"", ids(path),
                secretary.json(), organizer == null ? "" : ", \"organizer\": " + organizer.json(),
                wechatGroupUrl == null ? "" : ", \"wechatGroupUrl\": \"" + wechatGroupUrl + "\"",
                webAddress == null ? "" : ", \"webAddress\": \"" + webAddress + "\"");
    }

    public static String memberRegistered(UUID member, UUID branch, List<UUID> path, String name, String phone,
            String wechat, String email, String preferredChannel) {
        return """
                {"memberId": "%s", "orgId": "%s", "orgPath": %s, "name": "%s", "gender": "MALE", "category": "FULL",
                 "standing": "ACTIVE", "joinedAt": "2001-07-01", "registeredAt": "2020-01-01T00:00:00Z",
                 "contact": {"phone": "%s"%s%s}, "flowing": false%s}
                """.formatted(member, branch, ids(path), name, phone,
                wechat == null ? "" : ", \"wechat\": \"" + wechat + "\"",
                email == null ? "" : ", \"email\": \"" + email + "\"",
                preferredChannel == null ? "" : ", \"preferredChannel\": \"" + preferredChannel + "\"");
    }

    public static String liaisonAssigned(UUID member, UUID branch, Contact liaison) {
        return """
                {"memberId": "%s", "orgId": "%s", "liaison": %s}
                """.formatted(member, branch, liaison.json());
    }

    public static String contactMissed(UUID member, UUID branch, String level, Contact liaison) {
        return contactMissed(member, branch, "LIAISON_MONTHLY", level, liaison);
    }

    /** ContactMissed of any obligation: {@code QUARTERLY} is T2, the reminder a member may answer with 报平安. */
    public static String contactMissed(UUID member, UUID branch, String obligation, String level, Contact liaison) {
        String escalated = "ESCALATED".equals(level)
                ? ", \"grace\": \"P7D\", \"graceEndsAt\": \"2027-02-22T00:00:00+08:00\"" : "";
        return """
                {"memberId": "%s", "orgId": "%s", "obligation": "%s", "level": "%s",
                 "clockStartedAt": "2027-01-15T00:00:00+08:00", "dueAt": "2027-02-15T00:00:00+08:00",
                 "threshold": "%s", "daysOverdue": 14, "asOf": "2027-03-01T00:00:00+08:00"%s%s}
                """.formatted(member, branch, obligation, level, "QUARTERLY".equals(obligation) ? "P3M" : "P1M", escalated,
                liaison == null ? "" : ", \"liaison\": " + liaison.json());
    }

    public static String memberUncontrolled(UUID member, UUID branch) {
        return """
                {"memberId": "%s", "orgId": "%s", "outflowId": "%s", "leftAt": "2027-01-10",
                 "uncontrolledSince": "2027-02-10T00:00:00+08:00", "threshold": "P1M",
                 "destinationPlace": "广东省深圳市南山区", "asOf": "2027-03-01T00:00:00+08:00"}
                """.formatted(member, branch, UUID.randomUUID());
    }

    public static String caseOpened(UUID caseId, UUID member, UUID branch) {
        return """
                {"caseId": "%s", "memberId": "%s", "orgId": "%s", "trigger": "LOST_CONTACT_SUSPECTED",
                 "lostSince": "2026-12-01T00:00:00+08:00", "reopened": false,
                 "verificationDueAt": "2027-03-31T00:00:00+08:00", "sourceEventId": "%s"}
                """.formatted(caseId, member, branch, UUID.randomUUID());
    }

    public static String caseEscalated(UUID caseId, UUID member, UUID branch, UUID to) {
        return """
                {"caseId": "%s", "memberId": "%s", "orgId": "%s", "level": 1, "fromOrgId": "%s", "toOrgId": "%s",
                 "reason": "VERIFICATION_OVERDUE", "dueAt": "2027-02-28T00:00:00+08:00",
                 "lostSince": "2026-12-01T00:00:00+08:00", "threshold": "P30D", "atRoot": true,
                 "asOf": "2027-03-01T00:00:00+08:00"}
                """.formatted(caseId, member, branch, branch, to);
    }

    public static String standingActionProposed(UUID caseId, UUID member, UUID branch, UUID superior) {
        return """
                {"caseId": "%s", "memberId": "%s", "orgId": "%s", "proposalId": "%s", "action": "SUSPEND",
                 "superiorOrgId": "%s", "lostSince": "2026-06-01T00:00:00+08:00",
                 "channelsTried": ["PHONE", "VISIT_HOME", "PUBLIC_SECURITY"], "fieldVisitDone": true,
                 "asOf": "2027-03-01T00:00:00+08:00"}
                """.formatted(caseId, member, branch, UUID.randomUUID(), superior);
    }

    public static String memberFlowedOut(UUID member, UUID branch, String phone, String wechat) {
        return """
                {"memberId": "%s", "orgId": "%s", "outflowId": "%s", "nature": "TEMPORARY", "leftAt": "2027-02-20",
                 "contact": {"phone": "%s", "wechat": "%s"}, "destination": {"place": "广东省深圳市南山区"},
                 "backupContact": {"name": "赵母", "relation": "母亲", "phone": "13700137000"}}
                """.formatted(member, branch, UUID.randomUUID(), phone, wechat);
    }

    public static String transferReceiptOverdue(UUID member, UUID from, UUID to) {
        return """
                {"memberId": "%s", "orgId": "%s", "transferId": "%s", "fromOrgId": "%s", "toOrgId": "%s",
                 "crossProvince": false, "issuedAt": "2026-11-20", "validity": "P3M", "dueAt": "2027-02-20",
                 "asOf": "2027-03-01T00:00:00+08:00"}
                """.formatted(member, from, UUID.randomUUID(), from, to);
    }

    public static String selfWithdrawalSuspected(UUID member, UUID branch) {
        return """
                {"memberId": "%s", "orgId": "%s", "missing": ["ORG_LIFE", "DUES"],
                 "lastReachedAt": "2027-02-20T10:00:00+08:00", "since": "2026-08-01T00:00:00+08:00",
                 "threshold": "P6M", "asOf": "2027-03-01T00:00:00+08:00"}
                """.formatted(member, branch);
    }

    public static String duesArrears(UUID member, UUID branch) {
        return """
                {"memberId": "%s", "orgId": "%s", "lastDuesAt": "2026-11-01T00:00:00+08:00",
                 "arrearsSince": "2026-11-01T00:00:00+08:00", "monthsInArrears": 4, "threshold": "P3M",
                 "asOf": "2027-03-01T00:00:00+08:00"}
                """.formatted(member, branch);
    }

    public static String caseRecheckDue(UUID caseId, UUID member, UUID branch) {
        return """
                {"caseId": "%s", "memberId": "%s", "orgId": "%s", "weekOf": "2027-03-01", "responsibleOrgId": "%s",
                 "escalationLevel": 0, "lastAttemptAt": "2027-02-10T10:00:00+08:00",
                 "lostSince": "2026-12-01T00:00:00+08:00", "asOf": "2027-03-01T00:00:00+08:00"}
                """.formatted(caseId, member, branch, branch);
    }

    /** FollowUpDue or FollowUpMissed (the same fields). */
    public static String followUp(UUID caseId, UUID member, UUID branch) {
        return """
                {"caseId": "%s", "memberId": "%s", "orgId": "%s", "followUpNo": 2, "planSize": 7, "cadence": "WEEKLY",
                 "dueAt": "2027-02-27T00:00:00+08:00", "asOf": "2027-03-01T00:00:00+08:00"}
                """.formatted(caseId, member, branch);
    }

    public static String memberFound(UUID caseId, UUID member, UUID branch) {
        return """
                {"caseId": "%s", "memberId": "%s", "orgId": "%s", "foundAt": "2027-03-01T09:30:00+08:00",
                 "foundBy": "SEARCH_ATTEMPT", "channel": "VISIT_HOME", "lostSince": "2026-12-01T00:00:00+08:00",
                 "daysLost": 90, "suspended": false}
                """.formatted(caseId, member, branch);
    }

    public static String caseClosed(UUID caseId, UUID member, UUID branch) {
        return """
                {"caseId": "%s", "memberId": "%s", "orgId": "%s", "resolution": "DECEASED",
                 "lostSince": "2026-12-01T00:00:00+08:00", "daysLost": 90, "attemptCount": 3, "reLossCount": 0}
                """.formatted(caseId, member, branch);
    }

    public static String annualReviewOverdue(UUID member, UUID branch) {
        return """
                {"memberId": "%s", "orgId": "%s", "year": 2027, "dueAt": "2027-04-01T00:00:00+08:00",
                 "lastReviewedYear": 2026, "asOf": "2027-04-04T00:00:00+08:00"}
                """.formatted(member, branch);
    }

    public static String transferRecommended(UUID member, UUID branch) {
        return """
                {"memberId": "%s", "orgId": "%s", "outflowId": "%s", "nature": "PERMANENT", "leftAt": "2026-08-01",
                 "destination": {"place": "广东省深圳市南山区"},
                 "receivingOrg": {"name": "南山区某街道党工委", "contactName": "何委员", "contactPhone": "13600136000"},
                 "threshold": "P6M", "asOf": "2027-03-01T00:00:00+08:00"}
                """.formatted(member, branch, UUID.randomUUID());
    }

    public static String monthlyReportPublished(UUID org, List<UUID> path) {
        return """
                {"orgId": "%s", "orgPath": %s, "month": "2027-02", "asOf": "2027-02-28T23:59:59+08:00",
                 "figures": {"members": 170, "lostTotal": 3, "newlyLost": 1, "found": 2, "reintegrated": 1, "disposed": 0,
                             "suspended": 0, "removed": 0, "stillMissing": 1, "reLost": 0, "lostRate": 0.0059,
                             "averageDaysLost": 40.5, "medianDaysLost": 38},
                 "children": [], "reportPath": "/api/v1/reports/monthly?orgId=%s&month=2027-02"}
                """.formatted(org, ids(path), org);
    }

    public static String memberFlowedOutWithReceivingOrg(UUID member, UUID branch, String phone, Contact receiving) {
        return """
                {"memberId": "%s", "orgId": "%s", "outflowId": "%s", "nature": "TEMPORARY", "leftAt": "2027-02-20",
                 "contact": {"phone": "%s", "wechat": "wx-%s"}, "destination": {"place": "广东省深圳市南山区"},
                 "receivingOrg": {"name": "南山区某街道党工委", "contactName": "%s", "contactPhone": "%s"},
                 "backupContact": {"name": "赵母", "relation": "母亲", "phone": "13700137000"}}
                """.formatted(member, branch, UUID.randomUUID(), phone, phone, receiving.name(), receiving.phone());
    }

    public static String rosterFiled(UUID branch, UUID filingId) {
        return """
                {"orgId": "%s", "year": 2027, "filingId": "%s", "version": 1,
                 "counts": {"members": 42, "byCategory": {"FULL": 39, "PROBATIONARY": 3},
                            "byStanding": {"ACTIVE": 40, "SUSPENDED": 1, "REMOVED": 0, "PROBATION_CANCELLED": 0,
                                           "EXPELLED": 0, "WITHDRAWN": 0, "DECEASED": 1}, "flowing": 5},
                 "contentHash": "3f0a9c5e7b1d2f4a6c8e0b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a",
                 "filedAt": "2027-03-20T10:15:00+08:00"}
                """.formatted(branch, filingId);
    }

    public static String rosterReturned(UUID branch, UUID filingId, String remarks) {
        return """
                {"orgId": "%s", "year": 2027, "filingId": "%s", "version": 1,
                 "contentHash": "3f0a9c5e7b1d2f4a6c8e0b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a",
                 "returnedAt": "2027-03-22T16:00:00+08:00", "remarks": "%s"}
                """.formatted(branch, filingId, remarks);
    }

    public static String rosterAcknowledged(UUID branch, UUID filingId) {
        return """
                {"orgId": "%s", "year": 2027, "filingId": "%s", "version": 1,
                 "contentHash": "3f0a9c5e7b1d2f4a6c8e0b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a",
                 "acknowledgedAt": "2027-03-22T16:00:00+08:00"}
                """.formatted(branch, filingId);
    }

    public static String campaignOpened(UUID campaign, UUID org) {
        return """
                {"campaignId": "%s", "orgId": "%s", "name": "2027年第一季度专项排查", "startsOn": "2027-01-01",
                 "endsOn": "2027-03-31", "focusTags": [], "inScope": 212, "branches": 9, "openedBy": "org-admin-wang",
                 "openedAt": "2027-01-04T01:30:00Z"}
                """.formatted(campaign, org);
    }

    public static String campaignReminderDue(UUID campaign, UUID branch, UUID campaignOrg) {
        return """
                {"campaignId": "%s", "orgId": "%s", "campaignOrgId": "%s", "name": "2027年第一季度专项排查",
                 "endsOn": "2027-03-31", "inScope": 24, "accounted": 19, "notAccounted": 5,
                 "asOf": "2027-03-24T17:30:00Z"}
                """.formatted(campaign, branch, campaignOrg);
    }

    public static String campaignClosed(UUID campaign, UUID org, UUID branch) {
        return """
                {"campaignId": "%s", "orgId": "%s", "name": "2027年第一季度专项排查", "startsOn": "2027-01-01",
                 "endsOn": "2027-03-31", "reason": "WINDOW_ENDED", "closedBy": "tracking-service",
                 "closedAt": "2027-03-31T17:30:02.118Z", "asOf": "2027-03-31T17:30:00Z",
                 "inScope": 212, "accounted": 209, "notAccounted": 3,
                 "accountedBy": {"reachedInWindow": 201, "openCase": 2, "notActive": 6},
                 "branches": [{"orgId": "%s", "inScope": 24, "accounted": 22, "notAccounted": 2},
                              {"orgId": "%s", "inScope": 188, "accounted": 188, "notAccounted": 0}]}
                """.formatted(campaign, org, branch, UUID.randomUUID());
    }

    public static String lookupApprovalRequested(UUID caseId, UUID member, UUID branch, UUID approver) {
        return """
                {"caseId": "%s", "memberId": "%s", "orgId": "%s", "requestId": "%s", "department": "PUBLIC_SECURITY",
                 "legalBasis": {"code": "EDUCATION_MANAGEMENT_REGULATION",
                                "citation": "《中国共产党党员教育管理工作条例》第三十二条"},
                 "asked": ["CURRENT_ADDRESS", "PHONE_IN_USE"], "requestedBy": "secretary-zhang",
                 "requestedAt": "2027-03-01T09:00:00+08:00", "approverOrgId": "%s"}
                """.formatted(caseId, member, branch, UUID.randomUUID(), approver);
    }

    public static String lookupRefused(UUID caseId, UUID member, UUID branch) {
        return """
                {"caseId": "%s", "memberId": "%s", "orgId": "%s", "requestId": "%s", "department": "TELECOM",
                 "requestedBy": "secretary-zhang", "refusedBy": "org-admin-li", "refusedAt": "2027-03-01T09:30:00+08:00",
                 "reason": "依据不足：请先完成实地走访"}
                """.formatted(caseId, member, branch, UUID.randomUUID());
    }

    public static String lookupOverdue(UUID caseId, UUID member, UUID branch) {
        return """
                {"caseId": "%s", "memberId": "%s", "orgId": "%s", "requestId": "%s", "department": "SOCIAL_SECURITY",
                 "sentAt": "2027-02-17T10:00:00+08:00", "answerDueAt": "2027-02-27T10:00:00+08:00", "chaseCount": 1,
                 "asOf": "2027-03-01T01:00:00+08:00"}
                """.formatted(caseId, member, branch, UUID.randomUUID());
    }

    private static String ids(List<UUID> path) {
        return path.stream().map(id -> "\"" + id + "\"").collect(Collectors.joining(", ", "[", "]"));
    }
}
