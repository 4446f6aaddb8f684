package cn.lianxin.cases.domain;

import java.time.Instant;
import java.util.UUID;

/** A member as case-service knows them: its projection of member-service's register. */
public record Member(UUID memberId, UUID orgId, String orgPath, String name, String category, String standing,
        Instant standingSince, UUID liaisonMemberId) {
}
