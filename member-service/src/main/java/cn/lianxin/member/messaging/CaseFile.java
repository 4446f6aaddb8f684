package cn.lianxin.member.messaging;

import java.util.UUID;

/**
 * member-service's view of case-service's {@code CaseOpened} and {@code CaseClosed}: which case file of which member;
 * when is the event's time ({@code ce_time}).
 */
public record CaseFile(UUID caseId, UUID memberId) {
}
